package dev.tessera.scheduler;

import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.Cost;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.topology.Lane;

/**
 * Puts blocks on the cores of one scheduler (spec §4.5): for each kernel lane of the block, takes
 * the core's next token ({@link CoreTracker#nextToken}), fills the payload buffer the token names,
 * records the dispatch in the tracker and the trace, and posts the token, or leaves it in the
 * dispatching scheduler's {@link #deferPost post list} when a sync-start cohort must start together.
 *
 * <p>Each scheduler has one placer for its own cores. A placer is used by its own scheduler, or,
 * while that scheduler is parked in {@link StopTheWorld}, by the scheduler launching a cohort
 * ({@link CohortLauncher}): the {@code dispatcher} argument is then the launcher's placer, which
 * pays, is named in the trace and counts the dispatch.
 */
final class BlockPlacer {
    private static final Lane[] LANES = Lane.values();

    final int scheduler;
    final CoreTracker tracker;
    private final RuntimeState rt;
    private final CorePort[] ports;
    /** How this scheduler's register writes go out: fenced, bare, or in bursts (the policy's choice). */
    private final Publisher publisher;

    /** Blocks and subtasks this scheduler dispatched (on its own cores or, launching a cohort, on others'). */
    private long blocksDispatched;

    private long subtasksDispatched;

    /** Tokens placed but not yet posted ({@link #deferPost}), with the ports to post them to. */
    private final CorePort[] postPort;

    private final int[] postToken;
    private int postCount;

    /** Early dispatch, null when off: counts published blocks and stages gated ones ({@link EarlyPublication}). */
    private final EarlyPublication early;

    /** What one payload of a draining cohort costs: {@link Cost#DRAIN_PAYLOAD_BUILD} with drain-layout (#1328). */
    private final Cost drainPayload;

    BlockPlacer(
            RuntimeState rt,
            int scheduler,
            CoreTracker tracker,
            CorePort[] ports,
            Publisher publisher,
            EarlyDispatch earlyDispatch,
            boolean drainLayout) {
        this.rt = rt;
        this.drainPayload = drainLayout ? Cost.DRAIN_PAYLOAD_BUILD : Cost.PAYLOAD_BUILD;
        this.scheduler = scheduler;
        this.tracker = tracker;
        this.ports = ports;
        this.publisher = publisher;
        // a cohort places at most every core of the machine
        this.postPort = new CorePort[3 * rt.topology.clusters()];
        this.postToken = new int[3 * rt.topology.clusters()];
        this.early = earlyDispatch == null ? null : new EarlyPublication(earlyDispatch, ports);
    }

    long blocksDispatched() {
        return blocksDispatched;
    }

    long subtasksDispatched() {
        return subtasksDispatched;
    }

    /**
     * Places block {@code blockIdx} of {@code task} on target {@code target} of this placer's cores
     * (a local cluster for MIX and AIC, a local core for AIV), on behalf of {@code dispatcher}, who
     * pays with {@code payer}. Posts the tokens at once, or with {@code deferPost} leaves them in
     * {@code dispatcher}'s post list for {@link #postDeferred}.
     */
    void placeBlock(Actor payer, BlockPlacer dispatcher, int target, TaskSlot task, int blockIdx, boolean deferPost) {
        place(payer, dispatcher, target, task, blockIdx, deferPost, null, false, Cost.PAYLOAD_BUILD);
    }

    /**
     * A drain's launch: places block {@code blockIdx} of sync-start {@code task} on target
     * {@code target} of this placer's cores for {@code dispatcher}, its tokens left in
     * {@code dispatcher}'s post list, each payload paid at the drain's rate.
     */
    void placeDrainBlock(Actor payer, BlockPlacer dispatcher, int target, TaskSlot task, int blockIdx) {
        place(payer, dispatcher, target, task, blockIdx, true, null, false, drainPayload);
    }

    /**
     * split-launch: places block {@code blockIdx} of {@code cohort}'s task on this placer's target
     * {@code target} and keeps its tokens in the cohort, for whoever prepares the cohort's last block
     * to publish ({@link #publishCohort}).
     */
    void placeCohortBlock(Actor payer, int target, Cohort cohort, int blockIdx) {
        place(payer, this, target, cohort.task, blockIdx, true, cohort, false, drainPayload);
    }

    /** Writes every token kept in {@code cohort} (any scheduler's) in one burst: the cohort starts together. */
    void publishCohort(Actor payer, Cohort cohort) {
        publisher.postAll(payer, cohort.keptPorts, cohort.keptTokens, cohort.keptCount());
        if (early != null && cohort.task.earlyResolve) {
            // only now are the cohort's blocks published, whoever prepared them (the early-dispatch rule)
            for (int b = 0; b < cohort.need; b++) early.notePublished(cohort.task);
            early.afterPublish(payer);
        }
    }

    /**
     * Early dispatch: stages block {@code blockIdx} of candidate {@code task} gated on target
     * {@code target} (running register of an idle core, pending register of a busy one), published
     * with the pass's other writes; its doorbell starts it ({@link EarlyDispatch}). A subtask whose
     * task became ready meanwhile is posted the normal way.
     */
    void stageBlock(Actor payer, int target, TaskSlot task, int blockIdx) {
        place(payer, this, target, task, blockIdx, false, null, true, Cost.PAYLOAD_BUILD);
    }

    private void place(
            Actor payer,
            BlockPlacer dispatcher,
            int target,
            TaskSlot task,
            int blockIdx,
            boolean deferPost,
            Cohort keep,
            boolean gated,
            Cost payload) {
        CoreTracker t = tracker;
        switch (task.shape) {
            case TaskShape.MIX -> {
                int base = 3 * target;
                for (Lane l : LANES) {
                    if ((task.activeMask & l.bit()) == 0) continue;
                    int c = base + l.ordinal();
                    placeSubtask(
                            payer,
                            dispatcher,
                            c,
                            task,
                            l.ordinal(),
                            blockIdx,
                            !t.idle[c],
                            deferPost,
                            keep,
                            gated,
                            payload);
                }
            }
            case TaskShape.AIC ->
                placeSubtask(
                        payer,
                        dispatcher,
                        3 * target,
                        task,
                        Lane.AIC.ordinal(),
                        blockIdx,
                        !t.idle[3 * target],
                        deferPost,
                        keep,
                        gated,
                        payload);
            default ->
                placeSubtask(
                        payer,
                        dispatcher,
                        target,
                        task,
                        Lane.AIV0.ordinal(),
                        blockIdx,
                        !t.idle[target],
                        deferPost,
                        keep,
                        gated,
                        payload);
        }
        if (task.syncStart) task.blockPlaced();
        dispatcher.blocksDispatched++;
        // a cohort block kept for split-launch is published by whoever completes the cohort (publishCohort)
        if (dispatcher.early != null && task.earlyResolve && keep == null) dispatcher.early.notePublished(task);
    }

    /** One kernel lane of one block onto local core {@code c}: its pending register if busy, else its running one. */
    private void placeSubtask(
            Actor payer,
            BlockPlacer dispatcher,
            int c,
            TaskSlot task,
            int lane,
            int blockIdx,
            boolean toPending,
            boolean deferPost,
            Cohort keep,
            boolean gated,
            Cost payload) {
        CoreTracker t = tracker;
        if (toPending && task.syncStart)
            throw new IllegalStateException(task + ": a sync-start block must start on an idle core");
        int token = t.nextToken(c);
        int core = t.coreIds[c];
        DispatchPayload p = rt.payloads[core][token & 1];
        p.load(
                task.kernels[lane],
                task.tensors,
                task.tensorCount,
                task.scalars,
                task.scalarCount,
                task.taskId,
                blockIdx,
                task.blockNum,
                lane,
                task);
        payer.charge(payload);
        long now = payer.now();
        if (toPending) t.queuePending(c, task, lane, blockIdx, token);
        else t.startRunning(c, task, lane, blockIdx, token, now);
        // a staged subtask has no ready time yet: its trace says when it was staged instead
        gated = gated && early.stage(task, c, core, token);
        if (gated) t.gate(c, toPending);
        rt.recorder.dispatched(
                dispatcher.scheduler, core, token, task.taskId, blockIdx, lane, gated ? now : task.readyNs, now);
        dispatcher.subtasksDispatched++;
        if (keep != null) {
            keep.keep(ports[c], token);
        } else if (gated) {
            publisher.post(payer, early.gatedPort(c), token);
        } else if (deferPost) {
            dispatcher.deferPost(ports[c], token);
        } else {
            publisher.post(payer, ports[c], token);
        }
    }

    private void deferPost(CorePort port, int token) {
        postPort[postCount] = port;
        postToken[postCount++] = token;
    }

    /** Posts every deferred token, in placing order: the cohort's blocks start together. */
    void postDeferred(Actor actor) {
        publisher.postAll(actor, postPort, postToken, postCount);
        java.util.Arrays.fill(postPort, 0, postCount, null);
        postCount = 0;
        if (early != null) early.afterPublish(actor);
    }

    /**
     * Writes the tokens this scheduler's publisher kept back (burst publish): the end of a pop. With
     * early dispatch, then counts the published blocks (candidacy) and settles the staged ones.
     */
    void flush(Actor actor) {
        publisher.flush(actor);
        if (early != null) early.afterPublish(actor);
    }
}
