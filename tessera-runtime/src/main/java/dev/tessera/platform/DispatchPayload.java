package dev.tessera.platform;

import dev.tessera.api.Kernel;
import dev.tessera.api.KernelContext;
import dev.tessera.api.Tensor;
import dev.tessera.topology.CoreType;

/**
 * One of a core's two payload buffers: everything the core needs to run one block of one kernel
 * lane. Written by the dispatching scheduler before it posts the token, read by the core after it
 * sees the token (the register write/read pair orders them). It is its own {@link KernelContext}.
 */
public final class DispatchPayload implements KernelContext {
    private final int coreId;
    private final int clusterId;
    private final CoreType coreType;
    private final int subBlockId;

    public Kernel kernel;
    public Tensor[] tensors;
    public int tensorCount;
    public long[] scalars;
    public int scalarCount;
    public long taskId;
    public int blockIdx;
    public int blockNum;
    /** The kernel lane (ordinal of {@code Lane}: AIC, AIV0, AIV1) of the task this dispatch runs. */
    public int lane;
    /** Opaque to the platform: the runtime's task state. */
    public Object task;

    public DispatchPayload(int coreId, int clusterId, CoreType coreType, int subBlockId) {
        this.coreId = coreId;
        this.clusterId = clusterId;
        this.coreType = coreType;
        this.subBlockId = subBlockId;
    }

    /**
     * Fills this buffer for one dispatch. The scheduler calls it before posting the token that
     * names this buffer; the core reads it only after seeing that token.
     */
    public void load(
            Kernel kernel,
            Tensor[] tensors,
            int tensorCount,
            long[] scalars,
            int scalarCount,
            long taskId,
            int blockIdx,
            int blockNum,
            int lane,
            Object task) {
        this.kernel = kernel;
        this.tensors = tensors;
        this.tensorCount = tensorCount;
        this.scalars = scalars;
        this.scalarCount = scalarCount;
        this.taskId = taskId;
        this.blockIdx = blockIdx;
        this.blockNum = blockNum;
        this.lane = lane;
        this.task = task;
    }

    @Override
    public int blockIdx() {
        return blockIdx;
    }

    @Override
    public int blockNum() {
        return blockNum;
    }

    @Override
    public int subBlockId() {
        return subBlockId;
    }

    @Override
    public CoreType coreType() {
        return coreType;
    }

    @Override
    public int coreId() {
        return coreId;
    }

    @Override
    public int clusterId() {
        return clusterId;
    }

    @Override
    public long taskId() {
        return taskId;
    }

    @Override
    public int tensorCount() {
        return tensorCount;
    }

    @Override
    public Tensor tensor(int i) {
        if (i < 0 || i >= tensorCount) throw new IndexOutOfBoundsException("tensor " + i + " of " + tensorCount);
        return tensors[i];
    }

    @Override
    public int scalarCount() {
        return scalarCount;
    }

    @Override
    public long scalar(int i) {
        if (i < 0 || i >= scalarCount) throw new IndexOutOfBoundsException("scalar " + i + " of " + scalarCount);
        return scalars[i];
    }
}
