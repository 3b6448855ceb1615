package dev.tessera.examples.qk;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestration;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.Golden;
import dev.tessera.examples.Options;
import dev.tessera.examples.Verdict;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * {@code qk-demo}: the workload of PR #827's swimlane comparison. {@value #TASKS} independent AIC
 * tasks, each {@code S = Q·Kᵀ} with its own bf16 Q ({@code rows × }{@value #D}) and K
 * ({@value #COLS}{@code  × }{@value #D}) and fp32 S ({@code rows × }{@value #COLS}), each an SPMD
 * task of one block per cluster: 24 blocks on a2a3 (as in the PR), 36 on a5, C on a custom
 * topology of C clusters. Block {@code b} computes row tile {@code b} ({@value #TILE_ROWS} rows), so
 * {@code rows = }{@value #TILE_ROWS}{@code  × clusters}: one task fills every cube core of the
 * machine exactly once, and how its blocks start across the schedulers is what the swimlane shows.
 *
 * <p>Inputs are uniform in [-1, 1], rounded to bf16, drawn from a {@link SplittableRandom} seeded
 * with {@value #INPUT_SEED} (task 0 first: Q then K), so every run and every topology of the same
 * size sees the same numbers.
 *
 * <p><b>Golden and tolerance.</b> The reference is the plain triple loop in double over the bf16
 * values, rounded to float once. The kernel sums each dot product in float. A product of two bf16
 * numbers (8 significant bits each) is exact in float, so the kernel's only rounding is in its
 * {@code d - 1} additions, each off by at most half an ulp of the running sum:
 * {@code |kernel - exact| ≤ (d-1)·2⁻²⁴·Σ|q_j·k_j| ≤ 127·2⁻²⁴·128 ≈ 9.69e-4} since {@code |q|, |k| ≤ 1}
 * (the second-order term is below 1e-8). The golden's own errors add at most
 * {@code 2⁻²⁴·128 ≈ 7.6e-6} (rounding the double sum, at most 128 in magnitude, to float) and
 * about 1e-12 (the double sum). Hence {@link #ATOL} = 1e-3 and {@link #RTOL} = 0: a correct kernel
 * can never fail, while a missing or misplaced tile leaves entries of typical size
 * {@code √128/3 ≈ 3.8} wrong.
 */
public final class QkDemoExample implements Example {
    /** Independent QK tasks submitted. */
    public static final int TASKS = 4;
    /** Rows of S (and Q) per block. */
    public static final int TILE_ROWS = 16;
    /** Columns of S: rows of K. */
    public static final int COLS = 256;
    /** Head dimension: columns of Q and K. */
    public static final int D = 128;
    /** Seed of the input values. */
    public static final long INPUT_SEED = 827;
    /** Absolute tolerance of the golden; see the class comment for the bound it covers. */
    public static final double ATOL = 1e-3;
    /** Relative tolerance of the golden: none needed, {@link #ATOL} covers the rounding. */
    public static final double RTOL = 0;

    private final Kernel matmul;

    public QkDemoExample() {
        this(QkKernels.QK_MATMUL);
    }

    /** With another kernel in place of {@code qk_matmul}: tests use it to show a faulty kernel fails the golden. */
    QkDemoExample(Kernel matmul) {
        this.matmul = Objects.requireNonNull(matmul);
    }

    @Override
    public String name() {
        return "qk-demo";
    }

    @Override
    public String description() {
        return TASKS + " independent S = Q·Kᵀ AIC tasks (qk_matmul, bf16 in, fp32 out, d = " + D + "), one " + TILE_ROWS
                + "x" + COLS + " tile per block, one block per cluster (24 on a2a3): the PR #827 demo";
    }

    /** SPMD width of every task on {@code topology}: one block per cluster. */
    public static int blocks(Topology topology) {
        return topology.clusters();
    }

    @Override
    public ExampleInstance instantiate(Topology topology, Options options) {
        return new Instance(matmul, blocks(topology));
    }

    @Override
    public String toString() {
        return name();
    }

    private static final class Instance implements ExampleInstance {
        private final Kernel matmul;
        private final int blocks;
        private final int rows;
        // Shared, not confined: kernels read and write these tensors from core threads.
        private final Arena arena = Arena.ofShared();
        private final List<Tensor> q = new ArrayList<>();
        private final List<Tensor> k = new ArrayList<>();
        private final List<Tensor> s = new ArrayList<>();
        private List<float[]> golden;

        Instance(Kernel matmul, int blocks) {
            this.matmul = matmul;
            this.blocks = blocks;
            this.rows = TILE_ROWS * blocks;
            SplittableRandom rnd = new SplittableRandom(INPUT_SEED);
            for (int t = 0; t < TASKS; t++) {
                q.add(randomBf16(rnd, rows, D));
                k.add(randomBf16(rnd, COLS, D));
                s.add(Tensor.allocate(arena, DType.FP32, rows, COLS));
            }
        }

        private Tensor randomBf16(SplittableRandom rnd, int r, int c) {
            Tensor t = Tensor.allocate(arena, DType.BF16, r, c);
            // setRaw rounds to the nearest bf16; |v| ≤ 1 still holds afterwards.
            for (long i = 0, n = t.numel(); i < n; i++) t.setRaw(t.linearOffset(i), rnd.nextDouble(-1.0, 1.0));
            return t;
        }

        @Override
        public Orchestration orchestration() {
            return orch -> {
                for (int t = 0; t < TASKS; t++) {
                    // Distinct Q, K and S per task: no task reads what another writes, so all four are ready at once.
                    orch.submit(TaskSpec.aic(matmul)
                            .input(q.get(t), k.get(t))
                            .output(s.get(t))
                            .blocks(blocks)
                            .named("qk" + t));
                }
            };
        }

        /** S = Q·Kᵀ of every task, in double from the bf16 inputs, rounded to float once. */
        private List<float[]> golden() {
            if (golden == null) {
                List<float[]> all = new ArrayList<>();
                for (int t = 0; t < TASKS; t++) all.add(reference(q.get(t), k.get(t)));
                golden = all;
            }
            return golden;
        }

        private static float[] reference(Tensor q, Tensor k) {
            int rows = (int) q.shape(0);
            double[] qd = q.toDoubleArray();
            double[] kd = k.toDoubleArray();
            float[] out = new float[rows * COLS];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < COLS; c++) {
                    double sum = 0;
                    for (int j = 0; j < D; j++) sum += qd[r * D + j] * kd[c * D + j];
                    out[r * COLS + c] = (float) sum;
                }
            }
            return out;
        }

        @Override
        public Verdict verify() {
            List<Verdict> parts = new ArrayList<>();
            for (int t = 0; t < TASKS; t++) parts.add(Golden.compare("S" + t, s.get(t), golden().get(t), RTOL, ATOL));
            return Verdict.merge(parts);
        }

        @Override
        public String preview() {
            double maxErr = 0;
            for (int t = 0; t < TASKS; t++) {
                float[] g = golden().get(t);
                Tensor st = s.get(t);
                for (int i = 0; i < g.length; i++)
                    maxErr = Math.max(maxErr, Math.abs(st.getRaw(st.linearOffset(i)) - g[i]));
            }
            int lastRow = rows - 1;
            int lastCol = COLS - 1;
            return String.format(
                    Locale.ROOT,
                    "S0[0,0] = %.6f, S%d[%d,%d] = %.6f (%d tasks x %d blocks of %dx%d, d = %d); "
                            + "max |S - reference| = %.2e (tolerance %.0e)",
                    s.getFirst().get(0, 0),
                    TASKS - 1,
                    lastRow,
                    lastCol,
                    s.getLast().get(lastRow, lastCol),
                    TASKS,
                    blocks,
                    TILE_ROWS,
                    COLS,
                    D,
                    maxErr,
                    ATOL);
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}
