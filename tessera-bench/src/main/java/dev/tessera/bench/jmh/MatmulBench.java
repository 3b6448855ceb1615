package dev.tessera.bench.jmh;

import dev.tessera.api.DType;
import dev.tessera.api.Tensor;
import dev.tessera.examples.tile.Matmul;
import dev.tessera.examples.tile.TileIo;
import java.lang.foreign.Arena;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tile library's matmul on one core, against a naive triple loop: {@code C = A·B} with A
 * {@code m × k}, B {@code k × n}, float arrays, for the tile shapes the workloads use (16×128×128:
 * paged attention QK/PV on Case1's tiles; 64×64×128: Case2's; 128×128×128: a bgemm fp32 tile).
 * {@code qkBlock} is a whole {@code qk_matmul} block of the QK demo (16×256 rows of S from bf16
 * tensors: widen, multiply A·Bᵀ, store), the figure the issue quotes at ~630 µs before the library;
 * it runs the same work whatever the {@code shape} parameter.
 * GFLOP/s = 2·m·k·n / time (docs/workloads.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class MatmulBench {
    @Param({"16x128x128", "64x64x128", "128x128x128"})
    public String shape;

    int m;
    int k;
    int n;
    float[] a;
    float[] b;
    float[] c;
    Arena arena;
    Tensor q;
    Tensor kt;
    Tensor s;
    float[] qTile;
    float[] kTile;
    float[] sTile;

    @Setup
    public void setup() throws InterruptedException {
        // qkBlock uses whichever implementation Matmul picks: measure it once the vector kernel is warm.
        for (int i = 0;
                i < 6_000 && Matmul.vectorAvailable() && Matmul.implementation() != Matmul.Implementation.VECTOR;
                i++) {
            Thread.sleep(10);
        }
        String[] p = shape.split("x");
        m = Integer.parseInt(p[0]);
        k = Integer.parseInt(p[1]);
        n = Integer.parseInt(p[2]);
        SplittableRandom rnd = new SplittableRandom(1);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextDouble(-1, 1);
        // The QK demo's block: Q 16×128 and K 256×128 in bf16, S 16×256 in fp32.
        arena = Arena.ofShared();
        q = Tensor.allocate(arena, DType.BF16, 16, 128);
        kt = Tensor.allocate(arena, DType.BF16, 256, 128);
        s = Tensor.allocate(arena, DType.FP32, 16, 256);
        for (long i = 0; i < q.numel(); i++) q.setRaw(i, rnd.nextDouble(-1, 1));
        for (long i = 0; i < kt.numel(); i++) kt.setRaw(i, rnd.nextDouble(-1, 1));
        qTile = new float[16 * 128];
        kTile = new float[256 * 128];
        sTile = new float[16 * 256];
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    /** The baseline: {@code c[i][j] = Σ_p a[i][p]·b[p][j]}, the loop as written in a textbook. */
    @Benchmark
    public float[] naive() {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0;
                for (int p = 0; p < k; p++) sum += a[i * k + p] * b[p * n + j];
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    @Benchmark
    public float[] scalar() {
        Matmul.multiply(Matmul.Implementation.SCALAR, a, b, c, m, k, n, false);
        return c;
    }

    @Benchmark
    public float[] vector() {
        Matmul.multiply(Matmul.Implementation.VECTOR, a, b, c, m, k, n, false);
        return c;
    }

    /** One qk_matmul block as the kernel does it (bf16 loads, transpose, multiply, fp32 store); shape-independent. */
    @Benchmark
    public Tensor qkBlock() {
        TileIo.load(q, qTile);
        TileIo.load(kt, kTile);
        Matmul.multiplyTransposed(qTile, kTile, sTile, 16, 128, 256, false);
        TileIo.store(sTile, s);
        return s;
    }
}
