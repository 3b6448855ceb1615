package dev.tessera.api;

import dev.tessera.topology.CoreType;
import dev.tessera.topology.Lane;

/** What a kernel sees while it runs one block on one core. */
public interface KernelContext {
    /** This block's index, in {@code [0, blockNum)}; all kernel slots of one block share it. */
    int blockIdx();

    /** The task's SPMD width. */
    int blockNum();

    /** 0 or 1: the AIV lane of the executing core within its cluster (0 on AIC). */
    int subBlockId();

    CoreType coreType();

    /**
     * The lane of the core running this kernel: {@code AIC}, {@code AIV0} or {@code AIV1}. In a MIX
     * task it is the slot the kernel was given for, so one kernel object given for both AIV slots
     * can tell them apart; a one-kernel AIV task may run on either lane.
     */
    default Lane lane() {
        if (coreType() == CoreType.AIC) return Lane.AIC;
        return subBlockId() == 0 ? Lane.AIV0 : Lane.AIV1;
    }

    int coreId();

    int clusterId();

    long taskId();

    int tensorCount();

    Tensor tensor(int i);

    int scalarCount();

    long scalar(int i);

    default double scalarAsDouble(int i) {
        return Double.longBitsToDouble(scalar(i));
    }

    default float scalarAsFloat(int i) {
        return Float.intBitsToFloat((int) scalar(i));
    }
}
