package dev.tessera.scheduler;

import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;

/** What a {@link DispatchPolicy} acts on: the scheduler that popped the task. */
public interface DispatchTarget {
    /** Dispatches block {@code blockIdx} of {@code task} onto the next target of {@code cores}. */
    void dispatchBlock(CoreList cores, TaskSlot task, int blockIdx);

    /** Puts {@code task} back on the global ready queue so any scheduler can claim its remaining blocks. */
    void requeue(TaskSlot task);

    /** The actor to charge claim costs to. */
    Actor actor();
}
