package dev.tessera.examples;

import dev.tessera.api.KernelContext;
import dev.tessera.api.Tensor;
import dev.tessera.topology.CoreType;

/** A kernel context that forwards everything to another; tests override what a faulty kernel should see. */
public class ForwardingContext implements KernelContext {
    protected final KernelContext ctx;

    public ForwardingContext(KernelContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public int blockIdx() {
        return ctx.blockIdx();
    }

    @Override
    public int blockNum() {
        return ctx.blockNum();
    }

    @Override
    public int subBlockId() {
        return ctx.subBlockId();
    }

    @Override
    public CoreType coreType() {
        return ctx.coreType();
    }

    @Override
    public int coreId() {
        return ctx.coreId();
    }

    @Override
    public int clusterId() {
        return ctx.clusterId();
    }

    @Override
    public long taskId() {
        return ctx.taskId();
    }

    @Override
    public int tensorCount() {
        return ctx.tensorCount();
    }

    @Override
    public Tensor tensor(int i) {
        return ctx.tensor(i);
    }

    @Override
    public int scalarCount() {
        return ctx.scalarCount();
    }

    @Override
    public long scalar(int i) {
        return ctx.scalar(i);
    }
}
