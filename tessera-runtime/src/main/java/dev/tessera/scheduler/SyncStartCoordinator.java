package dev.tessera.scheduler;

import dev.tessera.core.ErrorLatch;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the schedulers of one run share to place sync-start cohorts that do not fit on one
 * scheduler's idle cores (spec §4.9): the pending cohort, the stop-the-world barrier, and every
 * scheduler's {@link BlockPlacer} (for {@link CohortLauncher}, under the barrier only). At most one
 * cohort is pending at a time; a second one is re-queued until the first has launched.
 *
 * <ul>
 *   <li>{@link SyncStartMode#FREEZE_ALL}, the reference: while a cohort waits, no scheduler
 *       dispatches anything; the cohort's owner stops the world each iteration and launches once
 *       enough cores are idle across all schedulers.</li>
 *   <li>{@link SyncStartMode#RESERVE}, Tessera's: schedulers set aside exactly as many targets as
 *       the cohort needs (idle ones first, then busy ones that will drain) and keep dispatching on
 *       every other core. When all set-aside targets are idle, one scheduler stops the world for
 *       the few microseconds it takes to place the cohort. Set-aside targets receive no new work,
 *       so they all become idle in bounded time: the cohort cannot starve.</li>
 * </ul>
 */
final class SyncStartCoordinator {
    final SyncStartMode mode;
    final StopTheWorld world;
    /** Scheduler {@code s}'s placer at index {@code s}. */
    final BlockPlacer[] placers;

    private final AtomicReference<Cohort> active = new AtomicReference<>();

    SyncStartCoordinator(SyncStartMode mode, BlockPlacer[] placers, Actor[] actors, ErrorLatch errors) {
        this.mode = mode;
        this.placers = placers.clone();
        this.world = new StopTheWorld(actors, errors);
    }

    Cohort active() {
        return active.get();
    }

    /** Starts a drain for {@code task}; false if another cohort is pending (re-queue the task). */
    boolean begin(TaskSlot task, int owner) {
        return active.compareAndSet(null, new Cohort(task, owner, placers.length));
    }

    void finish(Cohort c) {
        active.compareAndSet(c, null);
    }
}
