package dev.tessera.examples.qk;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.KernelContext;
import dev.tessera.api.Tensor;
import java.util.Arrays;

/** The cube kernel of the QK demo. */
public final class QkKernels {
    private QkKernels() {}

    /**
     * {@code qk_matmul} (AIC): tensors Q (rows × d), K (cols × d), S (rows × cols, fp32); block
     * {@code b} of {@code n} computes row tile {@code [b·rows/n, (b+1)·rows/n)} of {@code S = Q·Kᵀ}.
     *
     * <p>Q and K may be any floating dtype (the demo uses bf16); every element is widened to float
     * and each dot product is summed in float, in order {@code j = 0 .. d-1} (the loops run
     * {@code j} outside {@code c}, so a whole row of S accumulates at once, element by element). A
     * product of two bf16 values is exact in float, so the only rounding is in the {@code d - 1}
     * additions (the bound {@link QkDemoExample#ATOL} is derived from).
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
        long from = rows * ctx.blockIdx() / ctx.blockNum();
        long to = rows * (ctx.blockIdx() + 1) / ctx.blockNum();

        // Kᵀ once per block, widened to float: kt[j·cols + c] = K[c, j], so the inner loop below runs
        // along a contiguous row of Kᵀ and the JIT can vectorise it. The fixed-rank get/set/
        // elementOffset overloads index any view (bf16 here) without allocating.
        float[] kt = new float[d * cols];
        for (int c = 0; c < cols; c++) {
            for (int j = 0; j < d; j++) kt[j * cols + c] = (float) k.get(c, j);
        }
        float[] acc = new float[cols];
        for (long r = from; r < to; r++) {
            Arrays.fill(acc, 0f);
            // acc[c] accumulates Q[r, j]·K[c, j] for j = 0, 1, ..., d-1 in that order: each S[r, c] is
            // the plain in-order float dot product; only the loop nest is interchanged.
            for (int j = 0; j < d; j++) {
                float qj = (float) q.get(r, j);
                int kb = j * cols;
                for (int c = 0; c < cols; c++) acc[c] += qj * kt[kb + c];
            }
            for (int c = 0; c < cols; c++) s.setFloat(s.elementOffset(r, c), acc[c]);
        }
    }

    private static void checkShapes(Tensor q, Tensor k, Tensor s) {
        if (q.ndims() != 2 || k.ndims() != 2 || s.ndims() != 2) {
            throw new IllegalArgumentException("qk_matmul needs 2-d Q, K and S, got " + q + ", " + k + ", " + s);
        }
        if (!q.dtype().isFloating() || !k.dtype().isFloating() || s.dtype() != DType.FP32) {
            throw new IllegalArgumentException("qk_matmul needs floating Q and K and an FP32 S, got "
                    + q.dtype() + ", " + k.dtype() + ", " + s.dtype());
        }
        if (q.shape(1) != k.shape(1) || s.shape(0) != q.shape(0) || s.shape(1) != k.shape(0)) {
            throw new IllegalArgumentException("qk_matmul shapes do not fit S = Q·Kᵀ: Q " + q.shape(0) + "x" + q.shape(1)
                    + ", K " + k.shape(0) + "x" + k.shape(1) + ", S " + s.shape(0) + "x" + s.shape(1));
        }
    }
}
