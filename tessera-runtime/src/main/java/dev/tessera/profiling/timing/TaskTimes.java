package dev.tessera.profiling.timing;

import dev.tessera.profiling.Trace;
import java.util.HashMap;
import java.util.Map;

/**
 * One task's first and last times over its subtasks, gathered in one pass over a trace so every
 * figure reads the same facts; a time the trace lacks ({@link Trace#NONE}) leaves its field at
 * the sentinel ({@code Long.MAX_VALUE} for a first, {@code Long.MIN_VALUE} for a last).
 */
final class TaskTimes {
    long ready = Long.MAX_VALUE;
    long firstDispatch = Long.MAX_VALUE;
    long lastDispatch = Long.MIN_VALUE;
    long firstStart = Long.MAX_VALUE;
    long lastStart = Long.MIN_VALUE;
    long lastEnd = Long.MIN_VALUE;
    /** Scheduler → its first dispatch of the task. */
    final Map<Integer, Long> firstDispatchBy = new HashMap<>();

    private TaskTimes() {}

    /** Task id → its times, for every task with at least one subtask in {@code trace}. */
    static Map<Long, TaskTimes> of(Trace trace) {
        Map<Long, TaskTimes> byTask = new HashMap<>();
        for (Trace.Subtask s : trace.subtasks()) {
            TaskTimes t = byTask.computeIfAbsent(s.taskId(), k -> new TaskTimes());
            if (s.readyNs() != Trace.NONE) t.ready = Math.min(t.ready, s.readyNs());
            if (s.dispatchNs() != Trace.NONE) {
                t.firstDispatch = Math.min(t.firstDispatch, s.dispatchNs());
                t.lastDispatch = Math.max(t.lastDispatch, s.dispatchNs());
                t.firstDispatchBy.merge(s.scheduler(), s.dispatchNs(), Math::min);
            }
            if (s.startNs() != Trace.NONE) {
                t.firstStart = Math.min(t.firstStart, s.startNs());
                t.lastStart = Math.max(t.lastStart, s.startNs());
            }
            if (s.endNs() != Trace.NONE) t.lastEnd = Math.max(t.lastEnd, s.endNs());
        }
        return byTask;
    }

    boolean started() {
        return firstStart != Long.MAX_VALUE;
    }

    boolean ended() {
        return lastEnd != Long.MIN_VALUE;
    }

    boolean dispatched() {
        return lastDispatch != Long.MIN_VALUE;
    }
}
