package dev.tessera.api;

import dev.tessera.topology.CoreType;

/** What a kernel sees while it runs one block on one core. */
public interface KernelContext {
    /** This block's index, in {@code [0, blockNum)}; all kernel slots of one block share it. */
    int blockIdx();

    /** The task's SPMD width. */
    int blockNum();

    /** 0 or 1: the AIV lane of the executing core within its cluster (0 on AIC). */
    int subBlockId();

    CoreType coreType();

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
