package dev.tessera.scheduler;

import dev.tessera.core.TaskSlot;
import dev.tessera.dispatch.DispatchOptions;
import dev.tessera.platform.Cost;

/**
 * PR #827: claim a contiguous range, re-queue the remainder at once, then dispatch the range with
 * explicit block indices. After the re-queue another scheduler may own the task's cursor, so the
 * indices come only from this thread's claim, never from the task.
 */
final class ParallelPolicy extends ConfiguredPolicy {
    ParallelPolicy(DispatchOptions options) {
        super(options);
    }

    @Override
    public void dispatch(DispatchTarget target, TaskSlot task, CoreList cores) {
        target.actor().charge(Cost.BLOCK_CLAIM);
        long claim = task.claimBlocks(cores.remaining());
        if (claim < 0) return;
        int first = (int) (claim >>> 32);
        int count = (int) claim;
        if (first + count < task.blockNum) target.requeue(task);
        for (int b = 0; b < count; b++) target.dispatchBlock(cores, task, first + b);
    }
}
