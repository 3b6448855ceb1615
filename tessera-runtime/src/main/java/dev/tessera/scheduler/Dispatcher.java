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
final class Dispatcher implements DispatchTarget {
    private final int scheduler;
    private final Actor actor;
    private final CoreTracker tracker;
    private final DispatchPolicy policy;
    private final ReadyRouter router;
    private final BlockPlacer placer;
    private final CohortLauncher cohorts;
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
            CohortLauncher cohorts) {
        this.scheduler = scheduler;
        this.actor = actor;
        this.tracker = tracker;
        this.policy = policy;
        this.router = router;
        this.placer = placer;
        this.cohorts = cohorts;
        this.candidates = new CoreList(tracker.cores());
    }

    /** Dispatches what fits; true if any task was dispatched or a sync-start drain begun. */
    boolean dispatchAll() {
        int first = (scheduler & 1) == 0 ? TaskShape.AIC : TaskShape.AIV;
        int second = first == TaskShape.AIC ? TaskShape.AIV : TaskShape.AIC;
        boolean progress = dispatchShape(TaskShape.MIX);
        progress |= dispatchShape(first);
        progress |= dispatchShape(second);
        return progress;
    }

    private boolean dispatchShape(int shape) {
        boolean progress = dispatchPass(shape, false);
        progress |= dispatchPass(shape, true);
        return progress;
    }

    /** One pass over the ready tasks of {@code shape}: onto idle cores, or ({@code pendingPass}) into pending registers. */
    private boolean dispatchPass(int shape, boolean pendingPass) {
        boolean progress = false;
        tracker.candidates(shape, pendingPass, candidates);
        while (candidates.remaining() > 0) {
            TaskSlot t = router.next(shape);
            if (t == null) break;
            if (t.syncStart) {
                if (!pendingPass && candidates.remaining() >= t.blockNum) {
                    cohorts.launchOnOwnCores(t, candidates);
                } else if (pendingPass || !cohorts.beginDrain(t)) {
                    // never into pending registers; and one drain at a time: it goes back after this pass
                    holdBack(t);
                    continue;
                }
            } else {
                policy.dispatch(this, t, candidates);
            }
            progress = true;
            if (candidates.remaining() == 0) tracker.candidates(shape, pendingPass, candidates);
        }
        for (int i = 0; i < heldBackCount; i++) {
            router.putBack(heldBack[i]);
            heldBack[i] = null;
        }
        heldBackCount = 0;
        return progress;
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
}
