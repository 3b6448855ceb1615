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

    /**
     * How many blocks of {@code shape} peer scheduler {@code peer} could start now, as far as this
     * scheduler knows (a hint); 0 when the policy does not hand blocks over.
     */
    default int peerCapacity(int peer, int shape) {
        return 0;
    }

    /** The number of schedulers, this one included. */
    default int schedulers() {
        return 1;
    }

    /** Hands claimed blocks {@code first .. first+count-1} of {@code task} to scheduler {@code peer} to dispatch. */
    default void handOff(int peer, TaskSlot task, int first, int count) {
        throw new UnsupportedOperationException("this scheduler does not hand blocks over");
    }
}
