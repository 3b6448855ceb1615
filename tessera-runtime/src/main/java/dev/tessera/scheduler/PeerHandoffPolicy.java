package dev.tessera.scheduler;

import dev.tessera.core.TaskSlot;
import dev.tessera.dispatch.DispatchOptions;
import dev.tessera.platform.Cost;

/**
 * Tessera's {@code peer-handoff}: PR #827's claim, sized for the peers too. One claim takes this
 * scheduler's share plus what every peer could start now (its idle targets, from
 * {@link PeerIdleHints}); the peers' ranges go straight to their {@link Handoffs} mailboxes, and only
 * what nobody can start goes back to the ready queue. Under #827 the peers took their shares one
 * after another (pop, claim, re-queue, then the next pops); here they all receive theirs from one
 * pop. Blocks are claimed once (one CAS for the whole range), so each still runs exactly once; a
 * handed range keeps its task unfinished until placed, so its slot cannot be reused meanwhile.
 */
final class PeerHandoffPolicy extends ConfiguredPolicy {
    PeerHandoffPolicy(DispatchOptions options) {
        super(options);
    }

    @Override
    public void dispatch(DispatchTarget target, TaskSlot task, CoreList cores) {
        int own = cores.remaining();
        int want = own;
        int n = target.schedulers();
        int[] share = new int[n];
        if (!task.syncStart) {
            for (int p = 0; p < n; p++) {
                share[p] = target.peerCapacity(p, task.shape);
                want += share[p];
            }
        }
        target.actor().charge(Cost.BLOCK_CLAIM);
        long claim = task.claimBlocks(want);
        if (claim < 0) return;
        int first = (int) (claim >>> 32);
        int count = (int) claim;
        if (first + count < task.blockNum) target.requeue(task);
        int mine = Math.min(own, count);
        int next = first + mine;
        int left = count - mine;
        for (int p = 0; p < n && left > 0; p++) {
            int give = Math.min(share[p], left);
            if (give == 0) continue;
            target.handOff(p, task, next, give);
            next += give;
            left -= give;
        }
        for (int b = 0; b < mine; b++) target.dispatchBlock(cores, task, first + b);
    }
}
