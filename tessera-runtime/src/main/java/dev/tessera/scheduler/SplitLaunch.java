package dev.tessera.scheduler;

import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;

/**
 * Tessera's split launch of a sync-start cohort (mechanism {@code split-launch}, RESERVE mode).
 * Without it, once every set-aside target is idle one scheduler stops the world and prepares
 * every block of the cohort itself: on a2a3 a 24-block MIX cohort is 72 payloads, ~12 µs of one
 * thread at the drain layout's rate (#1328, ~34 µs at the normal rate) during which the whole
 * machine waits (qwen3-decode's attention, 40 times a run). Here each scheduler prepares the blocks on its own set-aside targets as soon as they are
 * idle, in parallel with the others and with the targets still draining elsewhere, and keeps the
 * tokens in the {@link Cohort}; whoever prepares the cohort's last block writes every token in one
 * barrier and burst, so the cohort still starts together, after every block was placed.
 *
 * <p>Why it is safe: a prepared target stays set aside (held and counted) until the cohort is
 * published, so no scheduler queues work behind a token that is not yet written, and the drain
 * never swaps it out or designates it again (which could wait forever for a block that only
 * starts once everything is prepared). Each scheduler touches only its own tracker: after the
 * publication it releases its own set-aside targets at its next step ({@link #releaseIfLaunched}).
 * A prepared core looks busy to its poller, whose status register still names the previous token:
 * {@link CompletionTable} ignores that.
 */
final class SplitLaunch {
    private final Actor actor;
    private final BlockPlacer placer;
    private final CoreTracker tracker;
    private final SyncStartCoordinator sync;
    /** The first cores of the targets prepared in one step. */
    private final int[] targets;
    /** The cohort this scheduler holds targets for, until it is published. */
    private Cohort holding;

    SplitLaunch(Actor actor, BlockPlacer placer, SyncStartCoordinator sync) {
        this.actor = actor;
        this.placer = placer;
        this.tracker = placer.tracker;
        this.sync = sync;
        this.targets = new int[tracker.cores()];
    }

    /** Releases this scheduler's set-aside targets once the cohort it held them for is published. */
    void releaseIfLaunched() {
        if (holding != null && holding.launched) {
            tracker.releaseAllHeld();
            holding = null;
        }
    }

    /**
     * Prepares {@code cohort}'s blocks on every set-aside target of this scheduler that is idle and
     * not yet prepared; publishes the whole cohort when that completes it. True if it prepared any.
     */
    boolean prepareShare(Cohort cohort) {
        holding = cohort;
        // Complete: whoever completed it is publishing (a burst takes time, and a published block may
        // already have run and left its core idle, still set aside): nothing is left to prepare.
        if (cohort.prepared.get() >= cohort.need) return false;
        CoreTracker t = tracker;
        int shape = cohort.shape;
        int k = 0;
        for (int i = 0; i < t.targets(shape); i++) {
            int core = t.targetCore(shape, i);
            // counted: idle when set aside; still idle: not prepared yet (a prepared one is busy)
            if (t.held[core] && t.counted[core] && t.targetIdle(shape, core)) targets[k++] = core;
        }
        if (k == 0) return false;
        actor.charge(Cost.BLOCK_CLAIM);
        long claim = cohort.task.claimBlocks(k);
        if (claim < 0 || (int) claim != k)
            throw new IllegalStateException(cohort.task + ": cohort of " + cohort.need + " has " + k
                    + " idle set-aside targets here but only " + Math.max(0, (int) claim) + " unclaimed blocks");
        int first = (int) (claim >>> 32);
        for (int b = 0; b < k; b++)
            placer.placeCohortBlock(actor, CoreTracker.targetItem(shape, targets[b]), cohort, first + b);
        if (cohort.prepared.addAndGet(k) == cohort.need) {
            placer.publishCohort(actor, cohort);
            cohort.launched = true;
            sync.finish(cohort);
        }
        return true;
    }
}
