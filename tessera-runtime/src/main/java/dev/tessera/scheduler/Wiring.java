package dev.tessera.scheduler;

import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;

/**
 * Scheduler 0 only: wires newly submitted tasks (spec §3.5), turning each task's producer list into
 * fan-in edges and sending it to the ready queues if every producer has already completed. Like the
 * reference it waits for a batch while busy; unlike it, an idle scheduler wires at once, so a lone
 * submit is not delayed by the batching.
 */
final class Wiring {
    static final int BATCH = 30;
    /** Iterations a short wiring queue may wait for a full batch. */
    static final int BACKOFF_LIMIT = 32;

    private final RuntimeState rt;
    private final Actor actor;
    private final ReadyRouter router;
    /** Null without {@code early-dispatch}. */
    private final EarlyDispatch early;

    private int backoff;

    Wiring(RuntimeState rt, Actor actor, ReadyRouter router, EarlyDispatch early) {
        this.rt = rt;
        this.actor = actor;
        this.router = router;
        this.early = early;
    }

    /** Wires up to a batch of queued tasks; {@code wasIdle}: the last iteration did nothing. True if it wired any. */
    boolean wire(boolean wasIdle) {
        int queued = rt.wiring.size();
        if (queued == 0) return false;
        if (queued < BATCH
                && !rt.orchestratorDone
                && !rt.orchestratorNeedsDrain
                && !wasIdle
                && backoff < BACKOFF_LIMIT) {
            backoff++;
            return false;
        }
        backoff = 0;
        boolean progress = false;
        for (int i = 0; i < BATCH; i++) {
            TaskSlot t = rt.wiring.poll();
            if (t == null) break;
            actor.charge(Cost.WIRE_TASK);
            wireTask(t);
            progress = true;
        }
        return progress;
    }

    /**
     * Adds {@code t} as a consumer of each of its producers. A producer that completed before it
     * could be told counts as satisfied at once ({@link TaskSlot#addConsumerIfPending} decides,
     * under the producer's monitor, which of the two happens). The fan-in count starts one above
     * the number of producers, and that extra edge is satisfied only after every producer was
     * asked, so completions racing with this loop cannot make the task ready twice or too early
     * ({@link TaskSlot#beginWiring}). With early dispatch, a task that is not ready is checked for
     * early candidacy here too: it may have missed its producers' check, having been wired after it.
     */
    void wireTask(TaskSlot t) {
        t.beginWiring();
        int n = t.producerCount;
        int done = 0;
        for (int i = 0; i < n; i++) {
            if (!t.producers[i].addConsumerIfPending(t)) done++;
        }
        if (t.satisfyFanin(done + 1)) {
            if (t.shape == TaskShape.DUMMY) router.readyGlobal(t);
            else router.readyLocal(t);
        } else if (early != null) {
            // its producers may have published every block before it was wired (#1405)
            early.wired(t, actor);
        }
    }
}
