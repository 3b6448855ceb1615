package dev.tessera.profiling.timing;

import dev.tessera.profiling.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-thread first-wave start span, the figure of #989 (per-thread first-wave AICore start span,
 * ~6 µs → ~60 ns with burst publish): a scheduler's first wave is what it put onto idle cores
 * before it saw its first completion, across every task; its span runs from the first to the last
 * kernel start of that wave. A dispatch into a busy core's pending slot starts when that core's
 * kernel ends, so it is no part of a wave's publication and is left out.
 */
final class FirstWave {
    private FirstWave() {}

    /** Per scheduler (index = scheduler id): its first wave's start span, NONE with fewer than two starts. */
    static long[] startSpansNs(Trace trace) {
        int n = trace.schedulerCount();
        long[] firstFinish = new long[n];
        Arrays.fill(firstFinish, Long.MAX_VALUE);
        for (Trace.Subtask s : trace.subtasks()) {
            if (s.finishSeenNs() != Trace.NONE)
                firstFinish[s.scheduler()] = Math.min(firstFinish[s.scheduler()], s.finishSeenNs());
        }
        Map<Integer, List<Trace.Subtask>> byCore = new HashMap<>();
        for (Trace.Subtask s : trace.subtasks())
            byCore.computeIfAbsent(s.core(), k -> new ArrayList<>()).add(s);
        long[] min = new long[n], max = new long[n];
        int[] count = new int[n];
        Arrays.fill(min, Long.MAX_VALUE);
        Arrays.fill(max, Long.MIN_VALUE);
        for (List<Trace.Subtask> core : byCore.values()) {
            core.sort(Comparator.comparingLong(Trace.Subtask::dispatchNs));
            // the end of the previous subtask on the same core, by dispatch order
            long previousEnd = Long.MIN_VALUE;
            for (Trace.Subtask s : core) {
                int k = s.scheduler();
                boolean ontoIdle =
                        previousEnd == Long.MIN_VALUE || (previousEnd != Trace.NONE && previousEnd <= s.dispatchNs());
                previousEnd = s.endNs();
                if (!ontoIdle
                        || s.dispatchNs() == Trace.NONE
                        || s.startNs() == Trace.NONE
                        || s.dispatchNs() >= firstFinish[k]) continue;
                min[k] = Math.min(min[k], s.startNs());
                max[k] = Math.max(max[k], s.startNs());
                count[k]++;
            }
        }
        long[] span = new long[n];
        for (int k = 0; k < n; k++) span[k] = count[k] < 2 ? Trace.NONE : max[k] - min[k];
        return span;
    }
}
