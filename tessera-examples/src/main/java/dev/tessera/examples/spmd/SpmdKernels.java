package dev.tessera.examples.spmd;

import dev.tessera.api.Kernel;
import dev.tessera.api.KernelContext;
import dev.tessera.api.Tensor;
import dev.tessera.topology.CoreType;

/**
 * The kernels of the SPMD suite. Every kernel gets one fp32 tensor (argument 0) and one scalar,
 * {@code base_cl}: the first cache line (16 floats) of the task's area in that tensor. Positions are
 * relative to the tensor view the task was given, so the same kernel works on the full tensor
 * (reference pattern, chained tasks) and on a task's own region (independent tasks).
 */
public final class SpmdKernels {
    /** Floats per cache line: the reference writes one value per 64-byte line. */
    public static final int CACHE_LINE = 16;

    /** Value of the third stamped float for a kernel that ran on an AIC core. */
    public static final float AIC_CODE = 1;
    /** Value of the third stamped float for a kernel that ran on an AIV core. */
    public static final float AIV_CODE = 2;

    private SpmdKernels() {}

    /** {@code kernel_spmd_write} (AIV): {@code out[(base_cl + block_idx)·16] = block_idx}. */
    public static final Kernel WRITE =
            Kernel.of("spmd_write", ctx -> put(ctx, base(ctx) + ctx.blockIdx(), 0, ctx.blockIdx()));

    /** {@code kernel_spmd_mix} (AIC slot): {@code out[(base_cl + 3·block_idx)·16] = block_idx}. */
    public static final Kernel MIX_AIC =
            Kernel.of("spmd_mix_aic", ctx -> put(ctx, base(ctx) + 3L * ctx.blockIdx(), 0, ctx.blockIdx()));

    /**
     * {@code kernel_spmd_mix} (AIV slots): {@code out[(base_cl + 3·block_idx + 1 + sub_block_id)·16] = block_idx}.
     * Both lanes run this kernel; only a distinct sub-block id per lane fills both lines.
     */
    public static final Kernel MIX_AIV = Kernel.of(
            "spmd_mix_aiv", ctx -> put(ctx, base(ctx) + 3L * ctx.blockIdx() + 1 + ctx.subBlockId(), 0, ctx.blockIdx()));

    /** {@code kernel_spmd_read} (AIC slot): line {@code base + 3·block_idx} gets {@code [block_idx, block_num]}. */
    public static final Kernel READ_AIC = Kernel.of("spmd_read_aic", ctx -> {
        long line = base(ctx) + 3L * ctx.blockIdx();
        put(ctx, line, 0, ctx.blockIdx());
        put(ctx, line, 1, ctx.blockNum());
    });

    /** {@code kernel_spmd_read} (AIV slots): line {@code base + 3·block_idx + 1 + sub} gets {@code [block_idx, block_num, sub]}. */
    public static final Kernel READ_AIV = Kernel.of("spmd_read_aiv", ctx -> {
        long line = base(ctx) + 3L * ctx.blockIdx() + 1 + ctx.subBlockId();
        put(ctx, line, 0, ctx.blockIdx());
        put(ctx, line, 1, ctx.blockNum());
        put(ctx, line, 2, ctx.subBlockId());
    });

    /**
     * Ours, for single-slot tasks: line {@code base + block_idx} gets {@code [block_idx, block_num, core code]}.
     * The core code shows that an AIC task really ran on an AIC core and an AIV task on an AIV core.
     * (The lane is not stamped: a single-AIV task may run on either lane of a cluster.)
     */
    public static final Kernel STAMP = Kernel.of("spmd_stamp", ctx -> {
        long line = base(ctx) + ctx.blockIdx();
        put(ctx, line, 0, ctx.blockIdx());
        put(ctx, line, 1, ctx.blockNum());
        put(ctx, line, 2, ctx.coreType() == CoreType.AIC ? AIC_CODE : AIV_CODE);
    });

    private static long base(KernelContext ctx) {
        return ctx.scalar(0);
    }

    private static void put(KernelContext ctx, long line, int word, float value) {
        Tensor out = ctx.tensor(0);
        out.setFloat(out.linearOffset(line * CACHE_LINE + word), value);
    }
}
