package dev.tessera.scheduler;

import dev.tessera.core.EarlyState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.Cost;
import dev.tessera.profiling.TraceRecorder;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * Early dispatch (#1079 and its follow-ups, workloads.md §B.2), the part the schedulers of one run
 * share: who becomes an early candidate, the bounded per-shape queues of candidates, and the
 * doorbells rung when a staged consumer becomes ready. Each scheduler stages candidates with its
 * own {@link EarlyStager}.
 *
 * <h2>Candidacy</h2>
 * A consumer becomes a candidate once, when every producer it still waits for is flagged
 * {@code earlyResolve} and has <em>published every one of its blocks</em> (#1326's
 * {@code published_block_count}, counted by {@link BlockPlacer} after each register write, gated
 * ones included). A producer that has completed counts whatever its flag: its outputs are written,
 * there is nothing left to gate on; allocation creators complete when they are created, so they
 * always count (#1292). A dependency-only (dummy) producer still pending never counts: it is no
 * core's work and publishes no blocks, and the reference counts only directly flagged producers
 * (#1285), so a consumer behind a dummy waits for normal dispatch. Sync-start consumers are never
 * staged (the reference added cohort staging later, #1304/#1558: left out). The check runs when a
 * producer's last block is published and, for a consumer wired after that (late wiring), when it
 * is wired.
 *
 * <h2>Anti-deadlock rule</h2>
 * A gated block only ever occupies a core whose need by a producer has passed. Candidacy comes only
 * after every producer has published all its blocks, so no producer of the staged consumer ever
 * needs a core again: each of their blocks holds a register and runs to its FIN. Nothing else is
 * starved either: a gated pending register is promoted when its core's running dispatch finishes
 * (completion case 3.3), and a gated running register is held only until producers that already
 * hold cores complete. And the queue is bounded: when it is full only early candidacy is dropped
 * (#1812); the consumer is then dispatched normally when it becomes ready.
 *
 * <h2>Doorbells</h2>
 * When the consumer's last producer completes, the completing scheduler rings the doorbell of each
 * of its staged subtasks inline ({@link #release}, from {@link ReadyRouter}); blocks nobody staged
 * are left to normal dispatch, which claims them through the same cursor, so staged blocks plus
 * normally dispatched ones are exactly the task's blocks. {@link EarlyState} settles the race
 * between a stager and the release.
 */
final class EarlyDispatch {
    /** Candidates per shape (#1812: 64 → 256 per shape). */
    static final int QUEUE_CAPACITY = 256;

    /** A candidate, with the task id it had, so a stale entry of a reused slot is recognised (#1331). */
    record Candidate(TaskSlot task, long taskId) {}

    private final MpmcAtomicArrayQueue<Candidate>[] queues;
    private final TraceRecorder recorder;

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
    EarlyDispatch(TraceRecorder recorder) {
        this.recorder = recorder;
        queues = new MpmcAtomicArrayQueue[TaskShape.DISPATCHABLE];
        for (int s = 0; s < queues.length; s++) queues[s] = new MpmcAtomicArrayQueue<>(QUEUE_CAPACITY);
    }

    /**
     * One more block of flagged producer {@code p} was published; when it was the last, each of its
     * consumers that is now eligible becomes a candidate. {@code scratch} is the caller's.
     */
    void blockPublished(TaskSlot p, Actor actor, TaskSlot[][] scratch) {
        if (p.early.blockPublished() != p.blockNum) return;
        int n = p.consumers(scratch);
        TaskSlot[] consumers = scratch[0];
        for (int i = 0; i < n; i++) {
            offerIfEligible(consumers[i], actor);
            consumers[i] = null;
        }
    }

    /** Scheduler 0 wired {@code c} and it is not ready: it may be eligible already (late wiring, #1405). */
    void wired(TaskSlot c, Actor actor) {
        offerIfEligible(c, actor);
    }

    /** The candidacy rule of the class comment. */
    static boolean eligible(TaskSlot c) {
        if (c.syncStart || c.shape == TaskShape.DUMMY || c.blockNum == 0) return false;
        boolean waits = false;
        for (int i = 0; i < c.producerCount; i++) {
            TaskSlot p = c.producers[i];
            if (p.state != TaskSlot.PENDING) continue;
            if (!p.earlyResolve || p.shape == TaskShape.DUMMY || p.early.publishedBlocks() < p.blockNum) return false;
            waits = true;
        }
        return waits; // waiting for nobody: it is ready, or about to be
    }

    private void offerIfEligible(TaskSlot c, Actor actor) {
        if (!eligible(c) || !c.early.claimCandidacy()) return;
        actor.charge(Cost.READY_PUSH);
        // full (#1812): drop the candidacy only; the consumer is dispatched normally once ready
        queues[c.shape].offer(new Candidate(c, c.taskId));
    }

    boolean hasCandidates(int shape) {
        return !queues[shape].isEmpty();
    }

    /** The next candidate of {@code shape}, or null. */
    Candidate poll(int shape, Actor actor) {
        if (queues[shape].isEmpty()) return null;
        actor.charge(Cost.READY_POP);
        return queues[shape].poll();
    }

    /** A candidate with blocks left after this scheduler's claim goes back for the others (#827 style). */
    void repush(Candidate c, Actor actor) {
        actor.charge(Cost.READY_PUSH);
        queues[c.task().shape].offer(c); // full: those blocks are dispatched normally once it is ready
    }

    /**
     * {@code c} became ready: rings every staged subtask already posted; true if some of its blocks
     * were never claimed and must be dispatched normally.
     */
    boolean release(TaskSlot c, Actor actor, EarlyState.Doorbells scratch) {
        int n = c.early.release(scratch);
        for (int i = 0; i < n; i++) {
            ring(actor, scratch.ports[i], scratch.cores[i], scratch.tokens[i]);
            scratch.ports[i] = null;
        }
        return c.unclaimedBlocks() > 0;
    }

    /** One doorbell: one register store (charged first), and its time in the trace. */
    void ring(Actor actor, CorePort port, int core, int token) {
        actor.charge(Cost.DOORBELL);
        port.ring(token);
        recorder.doorbell(core, token, actor.now());
    }
}
