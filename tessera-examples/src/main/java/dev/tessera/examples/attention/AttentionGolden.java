package dev.tessera.examples.attention;

import dev.tessera.api.Tensor;
import dev.tessera.examples.tile.Bf16;
import dev.tessera.examples.tile.TileIo;

/**
 * The reference output of paged attention, in double, with the kernels' rounding points
 * (workloads.md A.1 "Golden"): per group of KV blocks (one block for the per-block variants, the
 * whole group for the unrolled ones, whose softmax takes one maximum over the group) the scores
 * {@code s = q·kᵀ·scale} with positions past the context masked, {@code m} = row maximum,
 * {@code p = bf16(exp(s − m))}, {@code l = Σ p} over the rounded values, {@code o = p·v}; groups are
 * merged with the online update and the result is {@code o / l}.
 *
 * <p>Everything but the bf16 rounding of p is exact to double precision, so the golden is what the
 * fp32 kernels approximate; the reference's tolerance (RTOL = ATOL = 1e-3) covers their float
 * rounding.
 */
final class AttentionGolden {
    private AttentionGolden() {}

    /**
     * {@code out[b·heads + h, c]} for every batch, head and column, as a flat row-major array.
     *
     * @param query  {@code [batch·heads, D]} bf16
     * @param keys   {@code [pool·N, D]} bf16
     * @param values {@code [pool·N, D]} bf16
     * @param table  {@code [batch, width]} int32
     */
    static double[] compute(AttentionShape shape, Tensor query, Tensor keys, Tensor values, Tensor table) {
        int d = shape.headDim();
        int n = shape.blockSize();
        double[] out = new double[shape.batch() * shape.heads() * d];
        double[] q = new double[d];
        double[] o = new double[d];
        double[] oGroup = new double[d];
        double[] s = new double[shape.group() * n];
        float[] row = new float[n * d];
        for (int b = 0; b < shape.batch(); b++) {
            int ctx = shape.contexts()[b];
            int blocks = shape.blocks(b);
            // This sequence's K and V rows, in context order, gathered through the block table once.
            double[] k = new double[ctx * d];
            double[] v = new double[ctx * d];
            for (int j = 0; j < blocks; j++) {
                int blk = (int) table.getRaw(table.elementOffset(b, j));
                int valid = Math.min(n, ctx - j * n);
                gather(keys, blk * n, valid, row, k, j * n * d);
                gather(values, blk * n, valid, row, v, j * n * d);
            }
            for (int h = 0; h < shape.heads(); h++) {
                int r = b * shape.heads() + h;
                for (int c = 0; c < d; c++) q[c] = query.getRaw(query.elementOffset(r, c));
                double m = 0;
                double l = 0;
                for (int j0 = 0; j0 < blocks; j0 += shape.group()) {
                    int first = j0 * n;
                    int cols = Math.min(ctx, (j0 + shape.group()) * n) - first;
                    double mg = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < cols; c++) {
                        double dot = 0;
                        int kr = (first + c) * d;
                        for (int e = 0; e < d; e++) dot += q[e] * k[kr + e];
                        s[c] = dot * shape.scale();
                        mg = Math.max(mg, s[c]);
                    }
                    double lg = 0;
                    java.util.Arrays.fill(oGroup, 0);
                    for (int c = 0; c < cols; c++) {
                        double p = Bf16.round((float) Math.exp(s[c] - mg));
                        lg += p;
                        int vr = (first + c) * d;
                        for (int e = 0; e < d; e++) oGroup[e] += p * v[vr + e];
                    }
                    if (j0 == 0) {
                        m = mg;
                        l = lg;
                        System.arraycopy(oGroup, 0, o, 0, d);
                    } else {
                        double mNew = Math.max(m, mg);
                        double alpha = Math.exp(m - mNew);
                        double beta = Math.exp(mg - mNew);
                        l = alpha * l + beta * lg;
                        for (int e = 0; e < d; e++) o[e] = alpha * o[e] + beta * oGroup[e];
                        m = mNew;
                    }
                }
                for (int e = 0; e < d; e++) out[r * d + e] = o[e] / l;
            }
        }
        return out;
    }

    /** Rows {@code [row0, row0 + rows)} of a {@code [*, D]} cache, widened into {@code dst} from {@code at}. */
    private static void gather(Tensor cache, int row0, int rows, float[] scratch, double[] dst, int at) {
        TileIo.load(cache, row0, rows, scratch, 0);
        int len = rows * TileIo.cols(cache);
        for (int i = 0; i < len; i++) dst[at + i] = scratch[i];
    }
}
