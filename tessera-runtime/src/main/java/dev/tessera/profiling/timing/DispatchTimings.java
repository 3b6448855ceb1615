package dev.tessera.profiling.timing;

import dev.tessera.profiling.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dispatch figures the reference measured on silicon after PR #827 (workloads.md §B.2), taken
 * from one run's trace so a sim run can be put beside them:
 * <ul>
 *   <li>{@link #firstWaveStartSpansNs() per-thread first-wave start span} (#989: ~6 µs → ~60 ns with
 *       burst publish): a scheduler's first wave is what it put onto idle cores before it saw its
 *       first completion; the span runs from the first to the last start of that wave;</li>
 *   <li>{@link #firstDispatchStaggerNs() cross-thread first-dispatch stagger} (#989: median 8.78 →
 *       1.92 µs over 8 runs): from the first scheduler's first dispatch to the last scheduler's;
 *       {@link #taskDispatchStaggersNs() per task} the same over the schedulers that dispatched it;</li>
 *   <li>{@link #handoffGapsNs producer → consumer gap} (#1079: online → out_proj 11.8 → 8.2 µs with
 *       early dispatch): from the end of the last block of the latest producer-named task that ended
 *       before a consumer-named task started, to that consumer's first block start;</li>
 *   <li>{@link #syncStartBurstsNs() sync-start burst} (#1328: ≈ 38.9 → 12 µs per drain): from the
 *       first recorded dispatch of a sync-start task's blocks to the last block's start.</li>
 * </ul>
 * Times the trace lacks ({@link Trace#NONE}) are skipped. Figures are in the trace's clock: device
 * counter ticks on sim, wall-clock on threaded.
 */
public final class DispatchTimings {
    private final Trace trace;
    private final Map<Long, TaskTimes> byTask = new HashMap<>();

    /** First and last times of one task's subtasks, and its first dispatch per scheduler. */
    private static final class TaskTimes {
        long firstDispatch = Long.MAX_VALUE;
        long firstStart = Long.MAX_VALUE;
        long lastStart = Long.MIN_VALUE;
        long lastEnd = Long.MIN_VALUE;
        final Map<Integer, Long> firstDispatchBy = new HashMap<>();
    }

    private DispatchTimings(Trace trace) {
        this.trace = trace;
        for (Trace.Subtask s : trace.subtasks()) {
            TaskTimes t = byTask.computeIfAbsent(s.taskId(), k -> new TaskTimes());
            if (s.dispatchNs() != Trace.NONE) {
                t.firstDispatch = Math.min(t.firstDispatch, s.dispatchNs());
                t.firstDispatchBy.merge(s.scheduler(), s.dispatchNs(), Math::min);
            }
            if (s.startNs() != Trace.NONE) {
                t.firstStart = Math.min(t.firstStart, s.startNs());
                t.lastStart = Math.max(t.lastStart, s.startNs());
            }
            if (s.endNs() != Trace.NONE) t.lastEnd = Math.max(t.lastEnd, s.endNs());
        }
    }

    public static DispatchTimings of(Trace trace) {
        return new DispatchTimings(trace);
    }

    /**
     * Per scheduler (index = scheduler id): the start span of its first wave, or {@link Trace#NONE}
     * when it started fewer than two subtasks in it. The first wave is what the scheduler put onto
     * idle cores before it saw its first completion; a dispatch into a busy core's pending slot
     * starts when that core's kernel ends, so it is no part of a wave's publication.
     */
    public long[] firstWaveStartSpansNs() {
        int n = trace.schedulerCount();
        long[] firstFinish = new long[n];
        Arrays.fill(firstFinish, Long.MAX_VALUE);
        for (Trace.Subtask s : trace.subtasks()) {
            if (s.finishSeenNs() != Trace.NONE)
                firstFinish[s.scheduler()] = Math.min(firstFinish[s.scheduler()], s.finishSeenNs());
        }
        // the end of the previous subtask on the same core, by dispatch order
        Map<Integer, List<Trace.Subtask>> byCore = new HashMap<>();
        for (Trace.Subtask s : trace.subtasks())
            byCore.computeIfAbsent(s.core(), k -> new ArrayList<>()).add(s);
        long[] min = new long[n], max = new long[n];
        int[] count = new int[n];
        Arrays.fill(min, Long.MAX_VALUE);
        Arrays.fill(max, Long.MIN_VALUE);
        for (List<Trace.Subtask> core : byCore.values()) {
            core.sort(java.util.Comparator.comparingLong(Trace.Subtask::dispatchNs));
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

    /** From the first scheduler's first dispatch to the last scheduler's; NONE with fewer than two. */
    public long firstDispatchStaggerNs() {
        Map<Integer, Long> first = new HashMap<>();
        for (Trace.Subtask s : trace.subtasks()) {
            if (s.dispatchNs() != Trace.NONE) first.merge(s.scheduler(), s.dispatchNs(), Math::min);
        }
        return spread(first.values());
    }

    /** Per task dispatched by two or more schedulers, the spread of their first dispatches of it. */
    public List<Long> taskDispatchStaggersNs() {
        List<Long> out = new ArrayList<>();
        for (Trace.Task task : trace.tasks()) {
            TaskTimes t = byTask.get(task.id());
            if (t != null && t.firstDispatchBy.size() >= 2) out.add(spread(t.firstDispatchBy.values()));
        }
        return out;
    }

    /**
     * For every task named {@code consumer}: its first start less the last end of the latest task
     * named {@code producer} that ended before it (by the trace's task names).
     */
    public List<Long> handoffGapsNs(String producer, String consumer) {
        List<Long> producerEnds = new ArrayList<>();
        for (Trace.Task task : trace.tasks()) {
            TaskTimes t = byTask.get(task.id());
            if (t != null && task.name().equals(producer) && t.lastEnd != Long.MIN_VALUE) producerEnds.add(t.lastEnd);
        }
        long[] ends = producerEnds.stream().mapToLong(Long::longValue).sorted().toArray();
        List<Long> out = new ArrayList<>();
        for (Trace.Task task : trace.tasks()) {
            TaskTimes t = byTask.get(task.id());
            if (t == null || !task.name().equals(consumer) || t.firstStart == Long.MAX_VALUE) continue;
            int i = Arrays.binarySearch(ends, t.firstStart);
            int latest = i >= 0 ? i : -i - 2; // the last end at or before the start
            if (latest >= 0) out.add(t.firstStart - ends[latest]);
        }
        return out;
    }

    /** Per sync-start task: from its first recorded dispatch to its last block's start. */
    public List<Long> syncStartBurstsNs() {
        List<Long> out = new ArrayList<>();
        for (Trace.Task task : trace.tasks()) {
            TaskTimes t = byTask.get(task.id());
            if (task.syncStart() && t != null && t.firstDispatch != Long.MAX_VALUE && t.lastStart != Long.MIN_VALUE) {
                out.add(t.lastStart - t.firstDispatch);
            }
        }
        return out;
    }

    /** The median of {@code values} (the lower middle one for an even count), or NONE if empty. */
    public static long median(List<Long> values) {
        if (values.isEmpty()) return Trace.NONE;
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return v[(v.length - 1) / 2];
    }

    /** The median of the recorded ({@code != NONE}) entries of {@code values}, or NONE. */
    public static long median(long[] values) {
        List<Long> l = new ArrayList<>();
        for (long x : values) if (x != Trace.NONE) l.add(x);
        return median(l);
    }

    private static long spread(Iterable<Long> values) {
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        int n = 0;
        for (long v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            n++;
        }
        return n < 2 ? Trace.NONE : max - min;
    }
}
