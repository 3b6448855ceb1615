package dev.tessera.scheduler;

import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;

/**
 * One scheduler's early source (workloads.md §B.3 step 4): stages early candidates
 * ({@link EarlyDispatch}) gated on its free slots. {@link Dispatcher} runs it only in a pass with no
 * normal ready work left (#1288), and it walks the same order as normal dispatch (#1297: MIX ▸
 * AIC/AIV, idle cores ▸ pending registers, the policy's {@link DispatchOrder}), popping candidates
 * only while it has free targets of their shape. A candidate's blocks are claimed through the same
 * cursor as normal dispatch, and what this scheduler cannot take goes back to the early queue for
 * the others (SPMD consumers split across schedulers, as #827 splits ready ones). A staged block
 * occupies its register without starting; the pass ends with one publish (with burst publish: one
 * barrier and a burst, #1269).
 */
final class EarlyStager implements DispatchOrder.Passes {
    private final Actor actor;
    private final CoreTracker tracker;
    private final BlockPlacer placer;
    private final EarlyDispatch early;
    private final DispatchOrder order;
    private final CoreList targets;

    EarlyStager(Actor actor, CoreTracker tracker, BlockPlacer placer, EarlyDispatch early, DispatchOrder order) {
        this.actor = actor;
        this.tracker = tracker;
        this.placer = placer;
        this.early = early;
        this.order = order;
        this.targets = new CoreList(tracker.cores());
    }

    /** Stages what fits; true if it staged anything. */
    boolean stage() {
        return order.run(this);
    }

    @Override
    public boolean hasReady(int shape) {
        return early.hasCandidates(shape);
    }

    @Override
    public boolean pass(int shape, boolean pendingPass) {
        if (!early.hasCandidates(shape)) return false;
        tracker.candidates(shape, pendingPass, targets);
        boolean progress = false;
        while (targets.remaining() > 0) {
            EarlyDispatch.Candidate e = early.poll(shape, actor);
            if (e == null) break;
            TaskSlot t = e.task();
            // A reused slot, or a task already ready (normal dispatch has it now): nothing to stage.
            // Not ready here means not complete, so the slot cannot be reused before the claim
            // below, short of a whole task lifetime passing between two adjacent instructions.
            if (t.taskId != e.taskId() || t.early.released()) continue;
            actor.charge(Cost.BLOCK_CLAIM);
            long claim = t.claimBlocks(targets.remaining());
            if (claim < 0) continue;
            int first = (int) (claim >>> 32);
            int count = (int) claim;
            if (first + count < t.blockNum) early.repush(e, actor);
            for (int b = 0; b < count; b++) placer.stageBlock(actor, targets.pollFirst(), t, first + b);
            progress = true;
        }
        placer.flush(actor);
        return progress;
    }
}
