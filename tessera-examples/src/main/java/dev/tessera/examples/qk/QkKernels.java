package dev.tessera.examples.qk;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.KernelContext;
import dev.tessera.api.Tensor;
import dev.tessera.examples.tile.Matmul;
import dev.tessera.examples.tile.TileIo;

/** The cube kernel of the QK demo. */
public final class QkKernels {
    private QkKernels() {}

    /**
     * {@code qk_matmul} (AIC): tensors Q (rows × d), K (cols × d), S (rows × cols, fp32); block
     * {@code b} of {@code n} computes row tile {@code [b·rows/n, (b+1)·rows/n)} of {@code S = Q·Kᵀ}.
     *
     * <p>Q and K may be any floating dtype (the demo uses bf16); every element is widened to float
     * and each dot product is summed in float, in order {@code j = 0 .. d-1}, by the tile library's
     * {@link Matmul}. A product of two bf16 values is exact in float, so the only rounding is in the
     * {@code d - 1} additions (the bound {@link QkDemoExample#ATOL} is derived from).
     */
    public static final Kernel QK_MATMUL = Kernel.of("qk_matmul", QkKernels::qkMatmul);

    static void qkMatmul(KernelContext ctx) {
        Tensor q = ctx.tensor(0);
        Tensor k = ctx.tensor(1);
        Tensor s = ctx.tensor(2);
        checkShapes(q, k, s);
        int d = (int) q.shape(1);
        int cols = (int) k.shape(0);
        long rows = q.shape(0);
        int from = (int) (rows * ctx.blockIdx() / ctx.blockNum());
        int to = (int) (rows * (ctx.blockIdx() + 1) / ctx.blockNum());
        int m = to - from;

        // The tile library: Q's row tile and K widened to float, S = Q·Kᵀ summed in order j = 0 .. d-1.
        float[] qt = new float[m * d];
        float[] kt = new float[cols * d];
        float[] st = new float[m * cols];
        TileIo.load(q, from, m, qt, 0);
        TileIo.load(k, kt);
        Matmul.multiplyTransposed(qt, kt, st, m, d, cols, false);
        TileIo.store(st, 0, s, from, m);
    }

    private static void checkShapes(Tensor q, Tensor k, Tensor s) {
        if (q.ndims() != 2 || k.ndims() != 2 || s.ndims() != 2) {
            throw new IllegalArgumentException("qk_matmul needs 2-d Q, K and S, got " + q + ", " + k + ", " + s);
        }
        if (!q.dtype().isFloating() || !k.dtype().isFloating() || s.dtype() != DType.FP32) {
            throw new IllegalArgumentException("qk_matmul needs floating Q and K and an FP32 S, got " + q.dtype() + ", "
                    + k.dtype() + ", " + s.dtype());
        }
        if (q.shape(1) != k.shape(1) || s.shape(0) != q.shape(0) || s.shape(1) != k.shape(0)) {
            throw new IllegalArgumentException("qk_matmul shapes do not fit S = Q·Kᵀ: Q " + q.shape(0) + "x"
                    + q.shape(1) + ", K " + k.shape(0) + "x" + k.shape(1) + ", S " + s.shape(0) + "x" + s.shape(1));
        }
    }
}
