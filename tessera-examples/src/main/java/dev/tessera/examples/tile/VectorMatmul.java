package dev.tessera.examples.tile;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Matmul}'s Vector API path. Loaded only when {@code jdk.incubator.vector} is in the boot
 * layer, so a JVM started without it never touches these classes.
 *
 * <p>The micro-kernel holds a 4 × 2V block of C in eight registers (V = floats per vector: 16 with
 * AVX-512, 8 with AVX2) and streams A and B through it: per step of {@code p} it loads two vectors of
 * row p of B and broadcasts four elements of column p of A, eight multiplies and adds. C is read
 * and written once per block instead of once per step, which is what the plain loop cannot avoid.
 * Edges (rows not a multiple of 4, columns not a multiple of V) take narrower kernels and a scalar
 * tail with the same summation order.
 */
final class VectorMatmul {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();

    private VectorMatmul() {}

    /**
     * Runs every code path (4×2V, 4×V, 1×V blocks, the scalar tail, with and without accumulation)
     * until the JIT has compiled them; the warm-up thread calls this once.
     */
    static void warmUp() {
        int k = 32;
        int n = 2 * V + V + 1;
        float[] a = new float[5 * k];
        float[] b = new float[k * n];
        float[] c = new float[5 * n];
        java.util.Arrays.fill(a, 1f);
        java.util.Arrays.fill(b, 1f);
        for (int i = 0; i < 20_000; i++) multiply(a, b, c, 5, k, n, (i & 1) == 0);
    }

    static void multiply(float[] a, float[] b, float[] c, int m, int k, int n, boolean acc) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int j = 0;
            for (; j + 2 * V <= n; j += 2 * V) block4x2(a, b, c, i, j, k, n, acc);
            for (; j + V <= n; j += V) block4x1(a, b, c, i, j, k, n, acc);
            if (j < n) tail(a, b, c, i, i + 4, j, k, n, acc);
        }
        for (; i < m; i++) {
            int j = 0;
            for (; j + V <= n; j += V) block1x1(a, b, c, i, j, k, n, acc);
            if (j < n) tail(a, b, c, i, i + 1, j, k, n, acc);
        }
    }

    private static FloatVector init(float[] c, int at, boolean acc) {
        return acc ? FloatVector.fromArray(S, c, at) : FloatVector.zero(S);
    }

    private static void block4x2(float[] a, float[] b, float[] c, int i, int j, int k, int n, boolean acc) {
        int r0 = i * n + j;
        int r1 = r0 + n;
        int r2 = r1 + n;
        int r3 = r2 + n;
        FloatVector c00 = init(c, r0, acc), c01 = init(c, r0 + V, acc);
        FloatVector c10 = init(c, r1, acc), c11 = init(c, r1 + V, acc);
        FloatVector c20 = init(c, r2, acc), c21 = init(c, r2 + V, acc);
        FloatVector c30 = init(c, r3, acc), c31 = init(c, r3 + V, acc);
        int a0 = i * k;
        int a1 = a0 + k;
        int a2 = a1 + k;
        int a3 = a2 + k;
        for (int p = 0, bp = j; p < k; p++, bp += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + V);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.mul(b0).add(c00);
            c01 = x.mul(b1).add(c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.mul(b0).add(c10);
            c11 = x.mul(b1).add(c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.mul(b0).add(c20);
            c21 = x.mul(b1).add(c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.mul(b0).add(c30);
            c31 = x.mul(b1).add(c31);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + V);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + V);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + V);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + V);
    }

    private static void block4x1(float[] a, float[] b, float[] c, int i, int j, int k, int n, boolean acc) {
        int r0 = i * n + j;
        FloatVector c0 = init(c, r0, acc),
                c1 = init(c, r0 + n, acc),
                c2 = init(c, r0 + 2 * n, acc),
                c3 = init(c, r0 + 3 * n, acc);
        int a0 = i * k;
        for (int p = 0, bp = j; p < k; p++, bp += n) {
            FloatVector y = FloatVector.fromArray(S, b, bp);
            c0 = FloatVector.broadcast(S, a[a0 + p]).mul(y).add(c0);
            c1 = FloatVector.broadcast(S, a[a0 + k + p]).mul(y).add(c1);
            c2 = FloatVector.broadcast(S, a[a0 + 2 * k + p]).mul(y).add(c2);
            c3 = FloatVector.broadcast(S, a[a0 + 3 * k + p]).mul(y).add(c3);
        }
        c0.intoArray(c, r0);
        c1.intoArray(c, r0 + n);
        c2.intoArray(c, r0 + 2 * n);
        c3.intoArray(c, r0 + 3 * n);
    }

    private static void block1x1(float[] a, float[] b, float[] c, int i, int j, int k, int n, boolean acc) {
        int r0 = i * n + j;
        FloatVector c0 = init(c, r0, acc);
        int a0 = i * k;
        for (int p = 0, bp = j; p < k; p++, bp += n) {
            c0 = FloatVector.broadcast(S, a[a0 + p])
                    .mul(FloatVector.fromArray(S, b, bp))
                    .add(c0);
        }
        c0.intoArray(c, r0);
    }

    /** Columns {@code [j, n)} of rows {@code [i0, i1)}, one element at a time, same order. */
    private static void tail(float[] a, float[] b, float[] c, int i0, int i1, int j, int k, int n, boolean acc) {
        for (int i = i0; i < i1; i++) {
            for (int col = j; col < n; col++) {
                float s = acc ? c[i * n + col] : 0f;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + col];
                c[i * n + col] = s;
            }
        }
    }
}
