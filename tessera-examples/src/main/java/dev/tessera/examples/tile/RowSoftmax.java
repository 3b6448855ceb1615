package dev.tessera.examples.tile;

/**
 * Row softmax pieces on a row-major {@code rows × cols} float tile of attention scores, with the
 * hardware kernels' rounding points: columns at or beyond {@code valid} are masked (as if −∞), the
 * scale multiplies each score in float, the probabilities are rounded to bf16 before they are summed
 * (and before P·V uses them), and blocks are merged with the online max/sum update.
 */
public final class RowSoftmax {
    private RowSoftmax() {}

    /**
     * {@code max[r] = max over c < valid of s[r, c]·scale}, or, when {@code merge}, the larger of that
     * and {@code max[r]} (the first pass of a two-pass softmax over several tiles).
     */
    public static void rowMax(
            float[] s, int at, int rows, int cols, int valid, float scale, float[] max, boolean merge) {
        checkValid(valid, cols);
        for (int r = 0; r < rows; r++) {
            int base = at + r * cols;
            float m = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < valid; c++) m = Math.max(m, s[base + c] * scale);
            max[r] = merge ? Math.max(max[r], m) : m;
        }
    }

    /**
     * {@code p[r, c] = bf16(exp(s[r, c]·scale − max[r]))} for {@code c < valid}, 0 beyond, and
     * {@code sum[r] (+)= Σ_c p[r, c]} (added to when {@code accumulate}), summed in float over the
     * rounded values.
     */
    public static void expRoundSum(
            float[] s,
            int at,
            int rows,
            int cols,
            int valid,
            float scale,
            float[] max,
            float[] p,
            int pAt,
            float[] sum,
            boolean accumulate) {
        checkValid(valid, cols);
        for (int r = 0; r < rows; r++) {
            int base = at + r * cols;
            int out = pAt + r * cols;
            float m = max[r];
            float l = 0f;
            for (int c = 0; c < valid; c++) {
                float e = Bf16.round((float) Math.exp(s[base + c] * scale - m));
                p[out + c] = e;
                l += e;
            }
            for (int c = valid; c < cols; c++) p[out + c] = 0f;
            sum[r] = accumulate ? sum[r] + l : l;
        }
    }

    /**
     * The online-softmax merge of one block's {@code (mij, lij, oNew)} into the running
     * {@code (mi, li, oi)} of {@code rows} rows of {@code cols} outputs: {@code m' = max(mi, mij)},
     * {@code α = exp(mi − m')}, {@code β = exp(mij − m')}, {@code li = α·li + β·lij},
     * {@code oi = α·oi + β·oNew}, {@code mi = m'}. With {@code first} the running values are
     * simply replaced by the block's.
     */
    public static void merge(
            float[] mi,
            float[] li,
            float[] oi,
            float[] mij,
            float[] lij,
            float[] oNew,
            int rows,
            int cols,
            boolean first) {
        if (first) {
            System.arraycopy(mij, 0, mi, 0, rows);
            System.arraycopy(lij, 0, li, 0, rows);
            System.arraycopy(oNew, 0, oi, 0, rows * cols);
            return;
        }
        for (int r = 0; r < rows; r++) {
            float m = Math.max(mi[r], mij[r]);
            float alpha = (float) Math.exp(mi[r] - m);
            float beta = (float) Math.exp(mij[r] - m);
            li[r] = alpha * li[r] + beta * lij[r];
            int base = r * cols;
            for (int c = 0; c < cols; c++) oi[base + c] = alpha * oi[base + c] + beta * oNew[base + c];
            mi[r] = m;
        }
    }

    /** {@code out[r, c] = o[r, c] / l[r]}: the normalised attention output. */
    public static void normalise(float[] o, float[] l, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            float d = l[r];
            int base = r * cols;
            for (int c = 0; c < cols; c++) out[base + c] = o[base + c] / d;
        }
    }

    private static void checkValid(int valid, int cols) {
        if (valid < 1 || valid > cols)
            throw new IllegalArgumentException("valid columns must be 1.." + cols + ", got " + valid);
    }
}
