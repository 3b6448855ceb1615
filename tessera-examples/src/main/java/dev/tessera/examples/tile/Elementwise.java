package dev.tessera.examples.tile;

/** Element-wise operations on float arrays; simple loops the JIT vectorises. */
public final class Elementwise {
    private Elementwise() {}

    /** {@code out[i] = a[i] + b[i]} for {@code i < n}. */
    public static void add(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = a[i] + b[i];
    }

    /** {@code acc[i] += x[i]} for {@code i < n}. */
    public static void addInPlace(float[] acc, float[] x, int n) {
        for (int i = 0; i < n; i++) acc[i] += x[i];
    }

    /** {@code x[i] *= f} for {@code i < n}. */
    public static void scale(float[] x, float f, int n) {
        for (int i = 0; i < n; i++) x[i] *= f;
    }
}
