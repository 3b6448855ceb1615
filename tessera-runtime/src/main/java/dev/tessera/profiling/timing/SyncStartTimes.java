package dev.tessera.profiling.timing;

import dev.tessera.profiling.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three figures of a sync-start task's launch, per sync-start task of more than one block
 * (a one-block cohort launches with its one dispatch):
 * <ul>
 *   <li><b>drain</b>: the drain's start → the launch (its last dispatch), for a task that needed a
 *       drain. The start is the trace's drain-start record ({@link Trace#drainStartNs}), made when
 *       the scheduler that popped it found too few idle targets and began setting targets aside
 *       (RESERVE) or froze the others (FREEZE_ALL);</li>
 *   <li><b>wait</b>: its ready time → the launch, which adds the time it waited in the ready queue
 *       (and is all there is for a cohort launched at once);</li>
 *   <li><b>burst</b> (#1328's drain burst, ≈ 38.9 → 12 µs per drain): its first dispatch → its last
 *       block's start, the time the cohort's dispatches and launch took once they began.</li>
 * </ul>
 */
final class SyncStartTimes {
    final List<Long> drainsNs = new ArrayList<>();
    final List<Long> waitsNs = new ArrayList<>();
    final List<Long> burstsNs = new ArrayList<>();

    SyncStartTimes(Trace trace, Map<Long, TaskTimes> times) {
        for (Trace.Task task : trace.tasks()) {
            TaskTimes t = times.get(task.id());
            if (!task.syncStart() || task.blockNum() < 2 || t == null || !t.dispatched()) continue;
            long drainStart = trace.drainStartNs(task.id());
            if (drainStart != Trace.NONE) drainsNs.add(t.lastDispatch - drainStart);
            if (t.ready != Long.MAX_VALUE) waitsNs.add(t.lastDispatch - t.ready);
            if (t.lastStart != Long.MIN_VALUE) burstsNs.add(t.lastStart - t.firstDispatch);
        }
    }
}
