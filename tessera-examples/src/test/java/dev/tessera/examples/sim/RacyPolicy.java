package dev.tessera.examples.sim;

import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Cost;
import dev.tessera.scheduler.CoreList;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.scheduler.DispatchTarget;

/**
 * Deliberately broken, for tests only: claims a range and re-queues the task like PR #827, but
 * then takes each block index from the task's shared cursor instead of from its own claim, the
 * race #827 had to avoid. Once the task is back on the queue another scheduler may move the
 * cursor, so blocks run twice or never.
 */
final class RacyPolicy implements DispatchPolicy {
    @Override
    public String name() {
        return "racy";
    }

    @Override
    public void dispatch(DispatchTarget target, TaskSlot task, CoreList cores) {
        target.actor().charge(Cost.BLOCK_CLAIM);
        long claim = task.claimBlocks(cores.remaining());
        if (claim < 0) return;
        int first = (int) (claim >>> 32);
        int count = (int) claim;
        if (first + count < task.blockNum()) target.requeue(task);
        for (int b = 0; b < count; b++) {
            int blockIdx = Math.min(task.blockNum() - 1, task.nextBlock() - count + b); // the bug
            target.dispatchBlock(cores, task, blockIdx);
        }
    }
}
