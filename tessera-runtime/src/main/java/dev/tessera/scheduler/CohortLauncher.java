package dev.tessera.scheduler;

import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;

/**
 * Launches sync-start tasks (spec §4.9): every block of such a task must start at the same time, so
 * all its blocks are placed first and their tokens posted only after.
 *
 * <ul>
 *   <li>Fast path ({@link #launchOnOwnCores}): the task fits on this scheduler's idle targets.</li>
 *   <li>Drain ({@link #step}): otherwise a {@link Cohort} waits in the shared
 *       {@link SyncStartCoordinator} until enough targets are idle across schedulers, set aside
 *       by each scheduler ({@code RESERVE}) or found with everyone frozen ({@code FREEZE_ALL}).</li>
 * </ul>
 *
 * <p>Cross-thread rule: this is the only code that reads or writes another scheduler's
 * {@link CoreTracker}, and it does so only between a successful {@link StopTheWorld#stop} and
 * the matching {@link StopTheWorld#resume}, while every other scheduler is parked at its safe
 * point. Outside that window it touches only its own scheduler's tracker and the cohort's atomics.
 */
final class CohortLauncher {
    /** {@link #step} result bits. */
    static final int PROGRESS = 1;

    static final int FROZEN = 2;

    private final int scheduler;
    private final Actor actor;
    private final BlockPlacer placer;
    private final CoreTracker tracker;
    private final SyncStartCoordinator sync;
    /** The targets a launch uses: scheduler, target (as {@link CoreTracker#candidates} lists it). */
    private final int[] launchScheduler;

    private final int[] launchTarget;
    /** split-launch (RESERVE only): every scheduler prepares its share; null without it. */
    private final SplitLaunch split;

    CohortLauncher(
            int scheduler, Actor actor, BlockPlacer placer, SyncStartCoordinator sync, int clusters, boolean split) {
        this.split = split && sync.mode == SyncStartMode.RESERVE ? new SplitLaunch(actor, placer, sync) : null;
        this.scheduler = scheduler;
        this.actor = actor;
        this.placer = placer;
        this.tracker = placer.tracker;
        this.sync = sync;
        // at most every AIV core of the machine
        this.launchScheduler = new int[2 * clusters];
        this.launchTarget = new int[2 * clusters];
    }

    /** Whether a cohort is waiting for its drain (one at a time). */
    boolean drainPending() {
        return sync.active() != null;
    }

    /** Starts a drain for {@code task} owned by this scheduler; false if another cohort is pending. */
    boolean beginDrain(TaskSlot task) {
        return sync.begin(task, scheduler);
    }

    /**
     * Fast path: places every block of {@code task} on this scheduler's first idle targets in
     * {@code candidates} in one step, all payloads first, then all register writes, so no block
     * starts before every block is placed.
     */
    void launchOnOwnCores(TaskSlot task, CoreList candidates) {
        actor.charge(Cost.BLOCK_CLAIM);
        long claim = task.claimBlocks(task.blockNum);
        int first = (int) (claim >>> 32);
        for (int b = 0; b < task.blockNum; b++)
            placer.placeBlock(actor, placer, candidates.pollFirst(), task, first + b, true);
        placer.postDeferred(actor);
    }

    /**
     * Drives the pending cohort, if any, once per iteration. Returns {@link #FROZEN} when this
     * scheduler must not dispatch now, and {@link #PROGRESS} when it set targets aside or launched.
     */
    int step() {
        if (split != null) split.releaseIfLaunched();
        Cohort cohort = sync.active();
        if (cohort == null) return 0;
        if (sync.mode == SyncStartMode.FREEZE_ALL) {
            boolean launched = cohort.owner == scheduler && freezeAndTryLaunch(cohort);
            return FROZEN | (launched ? PROGRESS : 0);
        }
        int result = reserveFor(cohort) ? PROGRESS : 0;
        if (split != null) return split.prepareShare(cohort) ? PROGRESS : result;
        if (cohort.ready.get() >= cohort.need && sync.world.stop(scheduler, actor)) {
            try {
                if (sync.active() == cohort) {
                    launchReserved(cohort);
                    result = PROGRESS;
                }
            } finally {
                sync.world.resume();
            }
        }
        return result;
    }

    /** The reference's drain: with everyone stopped, launch if enough targets are idle anywhere. */
    private boolean freezeAndTryLaunch(Cohort cohort) {
        if (!sync.world.stop(scheduler, actor)) return false;
        try {
            int n = 0;
            for (BlockPlacer p : sync.placers) {
                CoreTracker t = p.tracker;
                for (int i = 0; i < t.targets(cohort.shape) && n < cohort.need; i++) {
                    int core = t.targetCore(cohort.shape, i);
                    if (t.targetIdle(cohort.shape, core)) {
                        launchScheduler[n] = p.scheduler;
                        launchTarget[n++] = CoreTracker.targetItem(cohort.shape, core);
                    }
                }
            }
            if (n != cohort.need) return false;
            launch(cohort, n);
            return true;
        } finally {
            sync.world.resume();
        }
    }

    /**
     * Tessera's drain: set aside this scheduler's share of targets. Idle targets first; busy ones
     * only after every scheduler has offered its idle ones, preferring those with no pending work;
     * and an idle target replaces a busy one set aside earlier on the same scheduler. Only this
     * scheduler's own tracker is touched. True if a target was set aside or counted.
     */
    private boolean reserveFor(Cohort cohort) {
        CoreTracker t = tracker;
        boolean progress = false;
        int shape = cohort.shape;
        int targets = t.targets(shape);
        for (int i = 0; i < targets; i++) {
            int core = t.targetCore(shape, i);
            if (t.held[core] && !t.counted[core] && t.targetIdle(shape, core)) {
                t.counted[core] = true;
                cohort.ready.incrementAndGet();
                progress = true;
            }
        }
        for (int i = 0; i < targets; i++) {
            int core = t.targetCore(shape, i);
            if (t.targetHeld(shape, core) || !t.targetIdle(shape, core)) continue;
            if (swapOutBusyTarget(shape) || cohort.tryDesignate()) {
                t.hold(shape, core, true);
                t.counted[core] = true;
                cohort.ready.incrementAndGet();
                progress = true;
            } else {
                break;
            }
        }
        if (!cohort.visit(scheduler)) return progress;
        for (int pass = 0; pass < 2 && cohort.designated.get() < cohort.need; pass++) {
            for (int i = 0; i < targets; i++) {
                int core = t.targetCore(shape, i);
                if (t.targetHeld(shape, core) || (pass == 0 && t.targetHasPending(shape, core))) continue;
                if (!cohort.tryDesignate()) break;
                t.hold(shape, core, true);
                progress = true;
            }
        }
        return progress;
    }

    /** Un-holds one of this scheduler's busy held targets, keeping the cohort's count; true if found. */
    private boolean swapOutBusyTarget(int shape) {
        CoreTracker t = tracker;
        for (int i = 0; i < t.targets(shape); i++) {
            int core = t.targetCore(shape, i);
            if (t.held[core] && !t.counted[core]) {
                t.hold(shape, core, false);
                return true;
            }
        }
        return false;
    }

    /** With the world stopped: launch on the targets every scheduler set aside. */
    private void launchReserved(Cohort cohort) {
        int n = 0;
        for (BlockPlacer p : sync.placers) {
            CoreTracker t = p.tracker;
            for (int i = 0; i < t.targets(cohort.shape); i++) {
                int core = t.targetCore(cohort.shape, i);
                if (t.held[core] && n < cohort.need) {
                    launchScheduler[n] = p.scheduler;
                    launchTarget[n++] = CoreTracker.targetItem(cohort.shape, core);
                }
            }
        }
        if (n != cohort.need)
            throw new IllegalStateException("cohort of " + cohort.need + " found " + n + " reserved targets");
        launch(cohort, n);
    }

    /** With the world stopped: place every block on the chosen targets, then post them all. */
    private void launch(Cohort cohort, int n) {
        TaskSlot task = cohort.task;
        actor.charge(Cost.BLOCK_CLAIM);
        long claim = task.claimBlocks(task.blockNum);
        int first = (int) (claim >>> 32);
        for (int b = 0; b < n; b++) {
            sync.placers[launchScheduler[b]].placeDrainBlock(actor, placer, launchTarget[b], task, first + b);
        }
        for (BlockPlacer p : sync.placers) p.tracker.releaseAllHeld();
        placer.postDeferred(actor);
        sync.finish(cohort);
    }
}
