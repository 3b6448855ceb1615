package dev.tessera.scheduler;

import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskSlot;
import dev.tessera.errors.ErrorCode;
import dev.tessera.errors.ExecutionException;
import dev.tessera.platform.Actor;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;

/**
 * Turns a hang into an error (spec §5): a core that ran one dispatch longer than
 * {@code coreTimeout}, and, checked by scheduler 0 only, a run in which nothing is running
 * anywhere for that long although tasks are unfinished (a lost task: a bug, reported with a
 * picture of every scheduler instead of a hang).
 */
final class StallWatchdog {
    private final RuntimeState rt;
    private final Actor actor;
    private final CoreTracker tracker;
    private final long coreTimeoutNs;

    StallWatchdog(RuntimeState rt, Actor actor, CoreTracker tracker) {
        this.rt = rt;
        this.actor = actor;
        this.tracker = tracker;
        this.coreTimeoutNs = rt.coreTimeoutNs;
    }

    /** Fails the run if one of this scheduler's cores has run its dispatch for longer than the core timeout. */
    void checkCoreTimeouts() {
        long now = actor.now();
        CoreTracker t = tracker;
        Topology topology = rt.topology;
        for (int c = 0; c < t.cores(); c++) {
            if (t.idle[c] || now - t.runSince[c] <= coreTimeoutNs) continue;
            TaskSlot task = t.runTask[c];
            int core = t.coreIds[c];
            rt.errors.set(new ExecutionException(
                    ErrorCode.CORE_TIMEOUT,
                    "core " + topology.coreLabel(core) + " (id " + core
                            + ", cluster " + topology.clusterOf(core) + ") ran block " + t.runBlock[c] + " slot "
                            + Lane.of(t.runLane[c])
                            + " of " + task + " for more than " // TaskSlot says "task r0#5 'name'"
                            + coreTimeoutNs / 1_000_000 + " ms without finishing (coreTimeout). "
                            + ExecutionException.UNSTOPPABLE_KERNEL,
                    null));
            return;
        }
    }

    /**
     * Scheduler 0, idle since {@code idleSince}: nothing runs anywhere, the orchestrator is done,
     * yet tasks are unfinished for longer than the core timeout. This must never happen; if it
     * does, fail with a picture of every scheduler instead of hanging.
     */
    void checkStall(long idleSince, Scheduler[] all) {
        if (!rt.orchestratorDone || !rt.hasWorkInFlight() || actor.now() - idleSince <= coreTimeoutNs) return;
        for (Scheduler s : all) if (s.tracker.running > 0) return;
        StringBuilder sb = new StringBuilder();
        for (Scheduler s : all) sb.append('\n').append(s.describe());
        rt.errors.set(new ExecutionException(
                ErrorCode.SCHEDULER_TIMEOUT,
                "no task finished for " + coreTimeoutNs / 1_000_000 + " ms although "
                        + (rt.submitted.get() - rt.completed.get()) + " are unfinished and no core is busy:" + sb,
                null));
    }
}
