package dev.tessera.examples.vector;

import dev.tessera.api.Kernel;
import dev.tessera.api.KernelContext;
import dev.tessera.api.Tensor;

/**
 * The element-wise AIV kernels of {@code vector_example}. Each block handles one contiguous share
 * of the elements, so the kernels are correct for any block count (the example uses one block per
 * task, as the reference does).
 */
final class VectorKernels {
    private VectorKernels() {}

    /** {@code kernel_add}: tensor 2 = tensor 0 + tensor 1. */
    static final Kernel ADD = Kernel.of("kernel_add", ctx -> {
        Tensor x = ctx.tensor(0);
        Tensor y = ctx.tensor(1);
        Tensor out = ctx.tensor(2);
        for (long i = first(ctx, out), end = end(ctx, out); i < end; i++) {
            out.setFloat(out.linearOffset(i), x.getFloat(x.linearOffset(i)) + y.getFloat(y.linearOffset(i)));
        }
    });

    /** {@code kernel_add_scalar}: tensor 1 = tensor 0 + scalar 0 (a float). */
    static final Kernel ADD_SCALAR = Kernel.of("kernel_add_scalar", ctx -> {
        Tensor x = ctx.tensor(0);
        Tensor out = ctx.tensor(1);
        float s = ctx.scalarAsFloat(0);
        for (long i = first(ctx, out), end = end(ctx, out); i < end; i++) {
            out.setFloat(out.linearOffset(i), x.getFloat(x.linearOffset(i)) + s);
        }
    });

    /** {@code kernel_mul}: tensor 2 = tensor 0 · tensor 1. */
    static final Kernel MUL = Kernel.of("kernel_mul", ctx -> {
        Tensor x = ctx.tensor(0);
        Tensor y = ctx.tensor(1);
        Tensor out = ctx.tensor(2);
        for (long i = first(ctx, out), end = end(ctx, out); i < end; i++) {
            out.setFloat(out.linearOffset(i), x.getFloat(x.linearOffset(i)) * y.getFloat(y.linearOffset(i)));
        }
    });

    private static long first(KernelContext ctx, Tensor out) {
        return out.numel() * ctx.blockIdx() / ctx.blockNum();
    }

    private static long end(KernelContext ctx, Tensor out) {
        return out.numel() * (ctx.blockIdx() + 1) / ctx.blockNum();
    }
}
