package dev.tessera.examples.tile;

/**
 * {@code C (=|+=) A·B} on row-major float tiles: A is {@code m × k}, B {@code k × n}, C {@code m × n}.
 * Every {@code C[i, j]} is {@code c += A[i, p]·B[p, j]} in float for {@code p = 0, 1, …} in order (a
 * float multiply, then a float add), so the result is the plain in-order loop's bit for bit, whichever
 * implementation runs; for bf16 inputs the products are exact and only the adds round.
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
    public enum Implementation {
        VECTOR,
        SCALAR
    }

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
    public static void multiply(
            Implementation impl, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (a.length < m * k || b.length < k * n || c.length < m * n) {
            throw new IllegalArgumentException("arrays too small for " + m + "x" + k + " · " + k + "x" + n);
        }
        if (impl == Implementation.VECTOR) {
            if (!VECTOR_PRESENT)
                throw new IllegalStateException(
                        "the Vector API is not available: start the JVM with --add-modules jdk.incubator.vector");
            VectorMatmul.multiply(a, b, c, m, k, n, accumulate);
        } else {
            scalarMultiply(a, b, c, m, k, n, accumulate);
        }
    }

    /**
     * C = A·Bᵀ (or +=) where {@code bt} holds Bᵀ as {@code n × k} (K rows of attention scores). It
     * computes {@code Cᵀ = Bᵀ·Aᵀ} and transposes the result back: A and C are the small operands (a
     * q-tile of 16 rows against 128 or 256 K rows), so two small transposes replace a large one.
     * Every element is still the in-order sum over {@code p} of the same products, so the bits are
     * those of {@link #multiply} with B.
     */
    public static void multiplyTransposed(float[] a, float[] bt, float[] c, int m, int k, int n, boolean accumulate) {
        float[] at = new float[k * m];
        float[] ct = new float[n * m];
        TileIo.transpose(a, m, k, at);
        if (accumulate) TileIo.transpose(c, m, n, ct);
        multiply(bt, at, ct, n, k, m, accumulate);
        TileIo.transpose(ct, n, m, c);
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
                    c[c0 + j] += x0 * y;
                    c[c1 + j] += x1 * y;
                    c[c2 + j] += x2 * y;
                    c[c3 + j] += x3 * y;
                }
            }
        }
        for (; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                float x = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) c[ci + j] += x * b[bp + j];
            }
        }
    }

    private static boolean vectorApiPresent() {
        if (Boolean.getBoolean("tessera.scalarMatmul")) return false;
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
