package dev.tessera.examples.tile;

/**
 * {@code C (=|+=) A·B} on row-major float tiles: A is {@code m × k}, B {@code k × n}, C {@code m × n}.
 * Every {@code C[i, j]} is the float sum of {@code A[i, p]·B[p, j]} in order {@code p = 0, 1, …}
 * (fused multiply-add), so for bf16 inputs, whose products are exact in float, the result is the
 * same bit for bit as the plain in-order loop, and any rounding bound for that loop holds.
 *
 * <p>Two implementations that give the same bits: {@link Implementation#VECTOR}, with the Vector API
 * ({@code jdk.incubator.vector}, when the JVM was started with {@code --add-modules
 * jdk.incubator.vector}, as {@code ./tessera}, the tests and the benchmarks do), keeps a 4-row ×
 * 2-vector block of C in registers; {@link Implementation#SCALAR} is a loop the JIT auto-vectorises
 * (4 rows of C per pass over B). Vector API code is very slow until the JIT has compiled it (every
 * vector is an object in the interpreter: the first call can take a second), so {@link #multiply}
 * uses the scalar loop until a background thread has warmed the vector kernel up, then switches.
 * {@code docs/workloads.md} has both speeds.
 */
public final class Matmul {
    /** The two ways to multiply; both sum each element in the same order and give the same bits. */
    public enum Implementation { VECTOR, SCALAR }

    private static final boolean VECTOR_PRESENT = vectorApiPresent();
    /** Set once the warm-up thread has run the vector kernel long enough for the JIT to compile it. */
    private static volatile boolean vectorWarm;

    static {
        if (VECTOR_PRESENT) {
            Thread.ofPlatform().daemon().name("tessera-matmul-warmup").start(() -> {
                VectorMatmul.warmUp();
                vectorWarm = true;
            });
        }
    }

    private Matmul() {}

    /** What {@link #multiply} uses now: {@code VECTOR} once warm, else {@code SCALAR}. */
    public static Implementation implementation() {
        return vectorWarm ? Implementation.VECTOR : Implementation.SCALAR;
    }

    /** True when the JVM has the Vector API, so the vector kernel can be used (now or once warm). */
    public static boolean vectorAvailable() {
        return VECTOR_PRESENT;
    }

    /** C = A·B, or C += A·B when {@code accumulate}, with the fastest implementation ready now. */
    public static void multiply(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        multiply(implementation(), a, b, c, m, k, n, accumulate);
    }

    /** C = A·B (or +=) with {@code impl}; {@code VECTOR} needs {@link #vectorAvailable()}. Benchmarks compare the two. */
    public static void multiply(Implementation impl, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (a.length < m * k || b.length < k * n || c.length < m * n) {
            throw new IllegalArgumentException("arrays too small for " + m + "x" + k + " · " + k + "x" + n);
        }
        if (impl == Implementation.VECTOR) {
            if (!VECTOR_PRESENT) throw new IllegalStateException("the Vector API is not available: start the JVM with --add-modules jdk.incubator.vector");
            VectorMatmul.multiply(a, b, c, m, k, n, accumulate);
        } else {
            scalarMultiply(a, b, c, m, k, n, accumulate);
        }
    }

    /**
     * C = A·Bᵀ (or +=) where {@code bt} holds Bᵀ as {@code n × k} (K rows of attention scores);
     * {@code scratch} (at least {@code k·n}) receives B.
     */
    public static void multiplyTransposed(float[] a, float[] bt, float[] c, int m, int k, int n, boolean accumulate,
                                          float[] scratch) {
        TileIo.transpose(bt, n, k, scratch);
        multiply(a, scratch, c, m, k, n, accumulate);
    }

    /** The fallback: 4 rows of C per pass over B, inner loops over a row of B that the JIT vectorises. */
    static void scalarMultiply(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (!accumulate) java.util.Arrays.fill(c, 0, m * n, 0f);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int c0 = i * n;
            int c1 = c0 + n;
            int c2 = c1 + n;
            int c3 = c2 + n;
            int a0 = i * k;
            for (int p = 0; p < k; p++) {
                float x0 = a[a0 + p];
                float x1 = a[a0 + k + p];
                float x2 = a[a0 + 2 * k + p];
                float x3 = a[a0 + 3 * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    float y = b[bp + j];
                    c[c0 + j] = Math.fma(x0, y, c[c0 + j]);
                    c[c1 + j] = Math.fma(x1, y, c[c1 + j]);
                    c[c2 + j] = Math.fma(x2, y, c[c2 + j]);
                    c[c3 + j] = Math.fma(x3, y, c[c3 + j]);
                }
            }
        }
        for (; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                float x = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) c[ci + j] = Math.fma(x, b[bp + j], c[ci + j]);
            }
        }
    }

    private static boolean vectorApiPresent() {
        if (Boolean.getBoolean("tessera.scalarMatmul")) return false;
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
