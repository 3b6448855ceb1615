package dev.tessera.profiling.timing;

import dev.tessera.profiling.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far apart the schedulers began, two ways:
 * <ul>
 *   <li>first-dispatch stagger (#989's cross-thread first-dispatch stagger, median 8.78 → 1.92 µs):
 *       each scheduler's first dispatch of the run, last − first;</li>
 *   <li>task dispatch stagger: per task dispatched by two or more schedulers, each scheduler's
 *       first dispatch of that task, last − first.</li>
 * </ul>
 */
final class Stagger {
    private Stagger() {}

    /** The run's first-dispatch stagger; NONE with fewer than two schedulers dispatching. */
    static long firstDispatchNs(Trace trace) {
        Map<Integer, Long> first = new HashMap<>();
        for (Trace.Subtask s : trace.subtasks()) {
            if (s.dispatchNs() != Trace.NONE) first.merge(s.scheduler(), s.dispatchNs(), Math::min);
        }
        return first.size() < 2 ? Trace.NONE : spread(first.values());
    }

    /** The task dispatch staggers, in the trace's task order. */
    static List<Long> perTaskNs(Trace trace, Map<Long, TaskTimes> times) {
        List<Long> out = new ArrayList<>();
        for (Trace.Task task : trace.tasks()) {
            TaskTimes t = times.get(task.id());
            if (t != null && t.firstDispatchBy.size() >= 2) out.add(spread(t.firstDispatchBy.values()));
        }
        return out;
    }

    private static long spread(Iterable<Long> values) {
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (long v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }
}
