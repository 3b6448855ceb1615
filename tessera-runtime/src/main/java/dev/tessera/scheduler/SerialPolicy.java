package dev.tessera.scheduler;

import dev.tessera.core.TaskSlot;
import dev.tessera.dispatch.DispatchOptions;
import dev.tessera.platform.Cost;

/**
 * Before PR #827: the popping scheduler places blocks one after another on every core it has,
 * and only then hands the task back, so the other schedulers see it late: a staircase.
 */
final class SerialPolicy extends ConfiguredPolicy {
    SerialPolicy(DispatchOptions options) {
        super(options);
    }

    @Override
    public void dispatch(DispatchTarget target, TaskSlot task, CoreList cores) {
        while (cores.remaining() > 0) {
            target.actor().charge(Cost.BLOCK_CLAIM);
            long claim = task.claimBlocks(1);
            if (claim < 0) return;
            target.dispatchBlock(cores, task, (int) (claim >>> 32));
        }
        if (task.unclaimedBlocks() > 0) target.requeue(task);
    }
}
