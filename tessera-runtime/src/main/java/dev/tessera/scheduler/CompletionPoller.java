package dev.tessera.scheduler;

import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.Cost;

/**
 * Phase 1 of a scheduler iteration (spec §4.4): reads the status register of every busy core this
 * scheduler owns, applies {@link CompletionTable} to its {@link CoreTracker}, and completes a task
 * once its last subtask finished.
 */
final class CompletionPoller {
    private final RuntimeState rt;
    private final int scheduler;
    private final Actor actor;
    private final CoreTracker tracker;
    private final CorePort[] ports;
    private final TaskCompleter completer;
    /** When this scheduler last saw a subtask finish: the run's makespan is the latest of these. */
    private long lastFinishSeenNs;

    CompletionPoller(
            RuntimeState rt,
            int scheduler,
            Actor actor,
            CoreTracker tracker,
            CorePort[] ports,
            TaskCompleter completer) {
        this.rt = rt;
        this.scheduler = scheduler;
        this.actor = actor;
        this.tracker = tracker;
        this.ports = ports;
        this.completer = completer;
    }

    long lastFinishSeenNs() {
        return lastFinishSeenNs;
    }

    /**
     * Polls every busy core once, except those holding a gated dispatch whose task is not ready yet
     * (early dispatch); true if any dispatch finished or started.
     */
    boolean poll() {
        CoreTracker t = tracker;
        boolean progress = false;
        for (int c = 0; c < t.cores(); c++) {
            if (t.idle[c]) continue;
            // a gated core reports nothing before its doorbell (B.3 step 1: skip it)
            if (t.runGated[c] && !t.runTask[c].early.released()) continue;
            int status = ports[c].status();
            actor.charge(Cost.COMPLETION_POLL);
            switch (CompletionTable.decide(t, c, status)) {
                case NOTHING -> {}
                case RUNNING_LATCHED -> t.pendingOccupied[c] = false;
                case RUNNING_FINISHED -> {
                    subtaskFinished(c, t.runTask[c], t.runToken[c]);
                    t.becomeIdle(c);
                    progress = true;
                }
                case PENDING_STARTED -> {
                    subtaskFinished(c, t.runTask[c], t.runToken[c]);
                    t.promotePending(c, actor.now());
                    progress = true;
                }
                case GATED_PROMOTED -> {
                    subtaskFinished(c, t.runTask[c], t.runToken[c]);
                    t.promoteGated(c, actor.now());
                    progress = true;
                }
                case BOTH_FINISHED -> {
                    subtaskFinished(c, t.runTask[c], t.runToken[c]);
                    subtaskFinished(c, t.pendTask[c], t.pendToken[c]);
                    t.becomeIdle(c);
                    progress = true;
                }
            }
        }
        return progress;
    }

    /** The subtask {@code token} of {@code task} finished on local core {@code c}. */
    private void subtaskFinished(int c, TaskSlot task, int token) {
        long now = actor.now();
        if (now > lastFinishSeenNs) lastFinishSeenNs = now;
        rt.recorder.finishSeen(scheduler, tracker.coreIds[c], token, now);
        if (task.finishSubtask() == task.totalSubtasks) completer.complete(task);
    }
}
