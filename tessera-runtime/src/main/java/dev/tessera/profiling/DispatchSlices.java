package dev.tessera.profiling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How long to draw each dispatch on its scheduler's lane. A dispatch is an instant, but an instant
 * is invisible and Perfetto wants a slice to hang a flow arrow on, so every view draws it from the
 * dispatch until that scheduler's next dispatch or until the block starts, whichever is first.
 * Slices on one lane therefore never overlap, and a scheduler dispatching a staircase shows as
 * back-to-back slices, while one that dispatched and then went quiet shows only the pickup latency.
 */
final class DispatchSlices {
    private DispatchSlices() {}

    /** End time of the dispatch slice of each subtask, by its index in {@link Trace#subtasks()}; NONE if never dispatched. */
    static long[] endsOf(Trace trace) {
        List<Trace.Subtask> subs = trace.subtasks();
        long[] ends = new long[subs.size()];
        java.util.Arrays.fill(ends, Trace.NONE);
        List<List<Integer>> perScheduler = new ArrayList<>();
        for (int s = 0; s < trace.schedulerCount(); s++) perScheduler.add(new ArrayList<>());
        for (int i = 0; i < subs.size(); i++) {
            if (subs.get(i).dispatchNs() != Trace.NONE)
                perScheduler.get(subs.get(i).scheduler()).add(i);
        }
        for (List<Integer> lane : perScheduler) {
            lane.sort(Comparator.comparingLong((Integer i) -> subs.get(i).dispatchNs())
                    .thenComparingInt(i -> i));
            for (int k = 0; k < lane.size(); k++) {
                Trace.Subtask s = subs.get(lane.get(k));
                long end = k + 1 < lane.size() ? subs.get(lane.get(k + 1)).dispatchNs() : Long.MAX_VALUE;
                if (s.startNs() >= s.dispatchNs()) end = Math.min(end, s.startNs());
                ends[lane.get(k)] = end == Long.MAX_VALUE ? s.dispatchNs() : end;
            }
        }
        return ends;
    }
}
