package dev.tessera.examples.attention;

import dev.tessera.api.KernelContext;
import dev.tessera.api.KernelWork;
import dev.tessera.api.Tensor;
import dev.tessera.api.TileKernel;
import dev.tessera.examples.tile.Matmul;
import dev.tessera.examples.tile.RowSoftmax;
import dev.tessera.examples.tile.TileIo;

/**
 * The paged-attention kernels (workloads.md A.1, A.3), on the tile library, with the reference
 * kernels' rounding points: scores in fp32, probabilities rounded to bf16 before the row sum and
 * before P·V, fp32 accumulators. Every kernel reports its work for the sim ({@link TileKernel}):
 * {@code M} = q-tile rows, {@code N} = block size, {@code D} = head dim, {@code n} = blocks in the
 * group. Argument layouts are listed per kernel.
 */
public final class AttentionKernels {
    /** Bytes of a bf16, an fp32 and an int32 element. */
    private static final int BF16 = 2;

    private static final int FP32 = 4;
    private static final int INT32 = 4;
    /**
     * Vector steps per score of a softmax pass over a tile: mask, scale, row max, subtract, exp,
     * cast to bf16, cast back, row sum.
     */
    static final int SOFTMAX_STEPS = 8;
    /** Vector steps per output element of the online update: two scalings, an add, a division. */
    static final int UPDATE_STEPS = 4;

    private AttentionKernels() {}

    /** One kernel per role, so tests can swap one for a faulty copy. */
    public record Set(TileKernel qk, TileKernel softmax, TileKernel pv, TileKernel update) {}

    /** The baseline and manual variants: one KV block per task. */
    public static final Set PER_BLOCK = new Set(
            TileKernel.of("pa_qk", AttentionKernels::qk, AttentionKernels::qkWork),
            TileKernel.of("pa_softmax", AttentionKernels::softmax, AttentionKernels::softmaxWork),
            TileKernel.of("pa_pv", AttentionKernels::pv, AttentionKernels::pvWork),
            TileKernel.of("pa_update", AttentionKernels::update, AttentionKernels::updateWork));

    /** The unrolled variants: a group of KV blocks per task, gathered through the block table. */
    public static final Set PER_GROUP = new Set(
            TileKernel.of("pa_qk_group", AttentionKernels::qkGroup, AttentionKernels::qkGroupWork),
            TileKernel.of("pa_softmax_group", AttentionKernels::softmaxGroup, AttentionKernels::softmaxGroupWork),
            TileKernel.of("pa_pv_group", AttentionKernels::pvGroup, AttentionKernels::pvGroupWork),
            PER_BLOCK.update());

    // ---- one block ------------------------------------------------------------------------------

    /** QK (AIC): qi {@code [M, D]} bf16, kj {@code [N, D]} bf16 → sij {@code [M, N]} fp32 = qi·kjᵀ. */
    static void qk(KernelContext ctx) {
        Tensor qi = ctx.tensor(0);
        Tensor kj = ctx.tensor(1);
        int m = TileIo.rows(qi);
        int d = TileIo.cols(qi);
        int n = TileIo.rows(kj);
        float[] q = new float[m * d];
        float[] k = new float[n * d];
        float[] s = new float[m * n];
        TileIo.load(qi, q);
        TileIo.load(kj, k);
        Matmul.multiplyTransposed(q, k, s, m, d, n, false);
        TileIo.store(s, ctx.tensor(2));
    }

    static KernelWork qkWork(KernelContext ctx) {
        long m = ctx.tensor(0).shape(0);
        long d = ctx.tensor(0).shape(1);
        long n = ctx.tensor(1).shape(0);
        return new KernelWork(m * n * d, 0, (m * d + n * d) * BF16 + m * n * FP32);
    }

    /**
     * SF (AIV): sij_valid {@code [M, valid]} (view of sij) → pij {@code [M, N]} bf16 (0 beyond
     * valid), mij, lij {@code [M]} fp32; scalar 0: scale (float). {@code mij = max(s·scale)},
     * {@code pij = bf16(exp(s·scale − mij))}, {@code lij = Σ pij}.
     */
    static void softmax(KernelContext ctx) {
        Tensor sValid = ctx.tensor(0);
        Tensor pij = ctx.tensor(1);
        int m = TileIo.rows(sValid);
        int valid = TileIo.cols(sValid);
        int n = TileIo.cols(pij);
        float scale = ctx.scalarAsFloat(0);
        float[] s = new float[m * valid];
        float[] p = new float[m * n];
        float[] max = new float[m];
        float[] sum = new float[m];
        TileIo.load(sValid, s);
        RowSoftmax.rowMax(s, 0, m, valid, valid, scale, max, false);
        float[] pValid = valid == n ? p : new float[m * valid];
        RowSoftmax.expRoundSum(s, 0, m, valid, valid, scale, max, pValid, 0, sum, false);
        if (pValid != p) {
            // The masked columns: exp(−∞) = 0, as the kernel's −∞ padding gives.
            for (int r = 0; r < m; r++) System.arraycopy(pValid, r * valid, p, r * n, valid);
        }
        TileIo.store(p, pij);
        TileIo.store(max, ctx.tensor(2));
        TileIo.store(sum, ctx.tensor(3));
    }

    static KernelWork softmaxWork(KernelContext ctx) {
        long m = ctx.tensor(1).shape(0);
        long n = ctx.tensor(1).shape(1);
        return new KernelWork(0, SOFTMAX_STEPS * m * n, m * n * FP32 + m * n * BF16 + 2 * m * FP32);
    }

    /** PV (AIC): pij {@code [M, N]} bf16, vj {@code [N, D]} bf16 → oi_new {@code [M, D]} fp32 = pij·vj. */
    static void pv(KernelContext ctx) {
        Tensor pij = ctx.tensor(0);
        Tensor vj = ctx.tensor(1);
        int m = TileIo.rows(pij);
        int n = TileIo.cols(pij);
        int d = TileIo.cols(vj);
        float[] p = new float[m * n];
        float[] v = new float[n * d];
        float[] o = new float[m * d];
        TileIo.load(pij, p);
        TileIo.load(vj, v);
        Matmul.multiply(p, v, o, m, n, d, false);
        TileIo.store(o, ctx.tensor(2));
    }

    static KernelWork pvWork(KernelContext ctx) {
        long m = ctx.tensor(0).shape(0);
        long n = ctx.tensor(0).shape(1);
        long d = ctx.tensor(1).shape(1);
        return new KernelWork(m * n * d, 0, (m * n + n * d) * BF16 + m * d * FP32);
    }

    /**
     * UP (AIV): mij, lij {@code [M]}, oi_new {@code [M, D]}; INOUT mi, li {@code [M]}, oi
     * {@code [M, D]}, out {@code [M, D]}; scalars is_first, is_last. Merges the block into the
     * accumulators; on the last block writes {@code oi / li} to out.
     */
    static void update(KernelContext ctx) {
        Tensor oNewT = ctx.tensor(2);
        int m = TileIo.rows(oNewT);
        int d = TileIo.cols(oNewT);
        boolean first = ctx.scalar(0) != 0;
        boolean last = ctx.scalar(1) != 0;
        float[] mij = new float[m];
        float[] lij = new float[m];
        float[] oNew = new float[m * d];
        float[] mi = new float[m];
        float[] li = new float[m];
        float[] oi = new float[m * d];
        TileIo.load(ctx.tensor(0), mij);
        TileIo.load(ctx.tensor(1), lij);
        TileIo.load(oNewT, oNew);
        if (!first) {
            TileIo.load(ctx.tensor(3), mi);
            TileIo.load(ctx.tensor(4), li);
            TileIo.load(ctx.tensor(5), oi);
        }
        RowSoftmax.merge(mi, li, oi, mij, lij, oNew, m, d, first);
        TileIo.store(mi, ctx.tensor(3));
        TileIo.store(li, ctx.tensor(4));
        TileIo.store(oi, ctx.tensor(5));
        if (last) {
            float[] out = new float[m * d];
            RowSoftmax.normalise(oi, li, m, d, out);
            TileIo.store(out, ctx.tensor(6));
        }
    }

    static KernelWork updateWork(KernelContext ctx) {
        long m = ctx.tensor(2).shape(0);
        long d = ctx.tensor(2).shape(1);
        boolean first = ctx.scalar(0) != 0;
        long tiles = first ? 2 : 3; // loads: oi_new (and oi); store: oi or out
        return new KernelWork(0, UPDATE_STEPS * m * d, tiles * m * d * FP32 + 6 * m * FP32);
    }

    // ---- a group of blocks -----------------------------------------------------------------------

    /**
     * QK over a group (AIC): qi {@code [M, D]}, key_cache {@code [rows, D]} (whole), block_table
     * {@code [batch, width]} int32 → sij_buf {@code [n·M, N]} fp32 (block i's scores in rows
     * {@code [i·M, (i+1)·M)}); scalars n, offset of the group's first entry in the block table.
     */
    static void qkGroup(KernelContext ctx) {
        Tensor qi = ctx.tensor(0);
        Tensor cache = ctx.tensor(1);
        Tensor table = ctx.tensor(2);
        Tensor out = ctx.tensor(3);
        int blocks = (int) ctx.scalar(0);
        long offset = ctx.scalar(1);
        int m = TileIo.rows(qi);
        int d = TileIo.cols(qi);
        int n = TileIo.cols(out);
        float[] q = new float[m * d];
        float[] k = new float[n * d];
        float[] s = new float[m * n];
        TileIo.load(qi, q);
        for (int i = 0; i < blocks; i++) {
            TileIo.load(cache, blockRow(table, offset + i, n), n, k, 0);
            Matmul.multiplyTransposed(q, k, s, m, d, n, false);
            TileIo.store(s, 0, out, i * m, m);
        }
    }

    static KernelWork qkGroupWork(KernelContext ctx) {
        long blocks = ctx.scalar(0);
        long m = ctx.tensor(0).shape(0);
        long d = ctx.tensor(0).shape(1);
        long n = ctx.tensor(3).shape(1);
        return new KernelWork(blocks * m * n * d, 0, m * d * BF16 + blocks * (n * d * BF16 + m * n * FP32 + INT32));
    }

    /**
     * Two-pass softmax over a group (AIV): sij_buf {@code [n·M, N]} → pij_buf {@code [n·M, N]} bf16,
     * mij, lij {@code [M]}; scalars scale (float), n, valid length of the group's last block. Pass 1
     * finds each row's maximum over the whole group; pass 2 rounds every probability to bf16 and
     * sums the rounded values.
     */
    static void softmaxGroup(KernelContext ctx) {
        Tensor sBuf = ctx.tensor(0);
        Tensor pBuf = ctx.tensor(1);
        float scale = ctx.scalarAsFloat(0);
        int blocks = (int) ctx.scalar(1);
        int validLast = (int) ctx.scalar(2);
        int n = TileIo.cols(sBuf);
        int m = TileIo.rows(sBuf) / blocks;
        float[] s = new float[blocks * m * n];
        float[] p = new float[blocks * m * n];
        float[] max = new float[m];
        float[] sum = new float[m];
        TileIo.load(sBuf, s);
        for (int i = 0; i < blocks; i++) {
            RowSoftmax.rowMax(s, i * m * n, m, n, i == blocks - 1 ? validLast : n, scale, max, i > 0);
        }
        for (int i = 0; i < blocks; i++) {
            RowSoftmax.expRoundSum(
                    s, i * m * n, m, n, i == blocks - 1 ? validLast : n, scale, max, p, i * m * n, sum, i > 0);
        }
        TileIo.store(p, pBuf);
        TileIo.store(max, ctx.tensor(2));
        TileIo.store(sum, ctx.tensor(3));
    }

    static KernelWork softmaxGroupWork(KernelContext ctx) {
        long rows = ctx.tensor(0).shape(0);
        long n = ctx.tensor(0).shape(1);
        long m = ctx.tensor(2).shape(0);
        // Two passes read the scores; the second writes the bf16 probabilities.
        return new KernelWork(0, SOFTMAX_STEPS * rows * n, 2 * rows * n * FP32 + rows * n * BF16 + 2 * m * FP32);
    }

    /**
     * Split-K PV over a group (AIC): pij_buf {@code [n·M, N]} bf16, value_cache {@code [rows, D]},
     * block_table → oi_new {@code [M, D]} fp32 = Σ_i P_i·V_i, accumulated in fp32; scalars n and the
     * block-table offset.
     */
    static void pvGroup(KernelContext ctx) {
        Tensor pBuf = ctx.tensor(0);
        Tensor cache = ctx.tensor(1);
        Tensor table = ctx.tensor(2);
        Tensor out = ctx.tensor(3);
        int blocks = (int) ctx.scalar(0);
        long offset = ctx.scalar(1);
        int n = TileIo.cols(pBuf);
        int m = TileIo.rows(pBuf) / blocks;
        int d = TileIo.cols(out);
        float[] p = new float[m * n];
        float[] v = new float[n * d];
        float[] o = new float[m * d];
        for (int i = 0; i < blocks; i++) {
            TileIo.load(pBuf, i * m, m, p, 0);
            TileIo.load(cache, blockRow(table, offset + i, n), n, v, 0);
            Matmul.multiply(p, v, o, m, n, d, i > 0);
        }
        TileIo.store(o, out);
    }

    static KernelWork pvGroupWork(KernelContext ctx) {
        long blocks = ctx.scalar(0);
        long rows = ctx.tensor(0).shape(0);
        long n = ctx.tensor(0).shape(1);
        long d = ctx.tensor(3).shape(1);
        return new KernelWork(
                rows * n * d, 0, rows * n * BF16 + blocks * (n * d * BF16 + INT32) + (rows / blocks) * d * FP32);
    }

    /** First cache row of the block at flat position {@code entry} of the block table. */
    private static int blockRow(Tensor table, long entry, int blockSize) {
        return Math.toIntExact(((long) table.getRaw(table.linearOffset(entry))) * blockSize);
    }
}
