package dev.tessera.scheduler;

import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import java.util.Arrays;

/**
 * Phase 4 of a scheduler iteration (spec §4.5): matches ready tasks to this scheduler's free cores,
 * shape by shape (MIX first, then AIC and AIV in an order that alternates between schedulers), first
 * onto idle cores, then into the pending register of busy ones. How a popped task's blocks are
 * spread is the {@link DispatchPolicy}'s business; a sync-start task goes to {@link CohortLauncher}.
 */
final class Dispatcher implements DispatchTarget, DispatchOrder.Passes {
    private final int scheduler;
    private final Actor actor;
    private final CoreTracker tracker;
    private final DispatchPolicy policy;
    private final ReadyRouter router;
    private final BlockPlacer placer;
    private final CohortLauncher cohorts;
    private final DispatchOrder order;
    /** Null without {@code peer-handoff}. */
    private final PeerHandoff handoff;
    /** Null without {@code early-dispatch}. */
    private final EarlyStager early;

    private final int schedulers;
    private final CoreList candidates;
    /** Sync-start tasks that cannot start in this pass; back on the global queue after it. */
    private TaskSlot[] heldBack = new TaskSlot[8];

    private int heldBackCount;

    Dispatcher(
            int scheduler,
            Actor actor,
            CoreTracker tracker,
            DispatchPolicy policy,
            ReadyRouter router,
            BlockPlacer placer,
            CohortLauncher cohorts,
            DispatchOrder order,
            PeerHandoff handoff,
            EarlyStager early,
            int schedulers) {
        this.scheduler = scheduler;
        this.actor = actor;
        this.tracker = tracker;
        this.policy = policy;
        this.router = router;
        this.placer = placer;
        this.cohorts = cohorts;
        this.order = order;
        this.handoff = handoff;
        this.early = early;
        this.schedulers = schedulers;
        this.candidates = new CoreList(tracker.cores());
    }

    /**
     * Dispatches what fits: sync-start lanes first when the policy has them (Tier 0, #1319), then
     * the regular passes in the policy's {@link DispatchOrder}, then, with early dispatch and no
     * regular ready work left, early candidates onto the slots still free (#1288); true if any
     * task was dispatched or staged, or a sync-start drain begun.
     */
    boolean dispatchAll() {
        boolean progress = false;
        // one drain at a time: while one is pending, the lanes wait rather than churn
        if (router.hasLanes() && !cohorts.drainPending()) {
            progress = syncStartLanes(TaskShape.MIX);
            progress |= syncStartLanes(DispatchOrder.firstSingle(scheduler));
            progress |= syncStartLanes(DispatchOrder.secondSingle(scheduler));
        }
        if (handoff != null) {
            progress |= handoff.receive(tracker, candidates, this);
            placer.flush(actor);
        }
        boolean dispatched = order.run(this); // always runs, whatever came before
        if (early != null && !hasReadyWork()) dispatched |= early.stage();
        return progress || dispatched;
    }

    private boolean hasReadyWork() {
        for (int s = 0; s < TaskShape.DISPATCHABLE; s++) if (router.hasReady(s)) return true;
        return false;
    }

    @Override
    public boolean hasReady(int shape) {
        return router.hasReady(shape);
    }

    /**
     * Tier 0: sync-start tasks of {@code shape} from their lane, onto idle cores only: launched
     * here when they fit, else a drain begins; one that can do neither goes back to its lane.
     */
    private boolean syncStartLanes(int shape) {
        boolean progress = false;
        tracker.candidates(shape, false, candidates);
        TaskSlot t;
        while ((t = router.nextSyncStart(shape)) != null) {
            if (candidates.remaining() >= t.blockNum) {
                cohorts.launchOnOwnCores(t, candidates);
            } else if (!cohorts.beginDrain(t)) {
                holdBack(t);
                break;
            }
            progress = true;
        }
        putBackHeld();
        return progress;
    }

    /** One pass over the ready tasks of {@code shape}: onto idle cores, or ({@code pendingPass}) into pending registers. */
    @Override
    public boolean pass(int shape, boolean pendingPass) {
        boolean progress = false;
        boolean perTask = false;
        tracker.candidates(shape, pendingPass, candidates);
        while (candidates.remaining() > 0) {
            TaskSlot t = router.next(shape);
            if (t == null) break;
            if (t.syncStart) {
                // #989: blocks prepared so far start before the cohort; publish per task from here on
                placer.flush(actor);
                perTask = true;
                if (!pendingPass && candidates.remaining() >= t.blockNum) {
                    cohorts.launchOnOwnCores(t, candidates);
                } else if (!cohorts.beginDrain(t)) {
                    // Never into pending registers, but a cohort popped in a pending pass still arms
                    // the drain: when cores only go idle between passes, a cohort that went back to
                    // the queue's tail from every pending pass waited for the whole stream.
                    // One drain at a time: it goes back after this pass.
                    holdBack(t);
                    continue;
                }
            } else {
                policy.dispatch(this, t, candidates);
                if (perTask) placer.flush(actor);
            }
            progress = true;
            if (candidates.remaining() == 0) tracker.candidates(shape, pendingPass, candidates);
        }
        placer.flush(actor); // the end of a pop: one barrier and a burst, with burst publish
        putBackHeld();
        return progress;
    }

    private void putBackHeld() {
        for (int i = 0; i < heldBackCount; i++) {
            router.putBack(heldBack[i]);
            heldBack[i] = null;
        }
        heldBackCount = 0;
    }

    private void holdBack(TaskSlot t) {
        if (heldBackCount == heldBack.length) heldBack = Arrays.copyOf(heldBack, heldBackCount * 2);
        heldBack[heldBackCount++] = t;
    }

    // ---- DispatchTarget: what the policy calls --------------------------------------------------

    @Override
    public void dispatchBlock(CoreList cores, TaskSlot task, int blockIdx) {
        placer.placeBlock(actor, placer, cores.pollFirst(), task, blockIdx, false);
    }

    @Override
    public void requeue(TaskSlot task) {
        router.requeue(task);
    }

    @Override
    public Actor actor() {
        return actor;
    }

    @Override
    public int peerCapacity(int peer, int shape) {
        return handoff == null ? 0 : handoff.capacity(peer, shape);
    }

    @Override
    public int schedulers() {
        return schedulers;
    }

    @Override
    public void handOff(int peer, TaskSlot task, int first, int count) {
        handoff.send(peer, task, first, count);
    }
}
