package dev.tessera.examples.gemm;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestration;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleCase;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.ExampleOption;
import dev.tessera.examples.Golden;
import dev.tessera.examples.Inputs;
import dev.tessera.examples.Options;
import dev.tessera.examples.Verdict;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code alternating-matmul-add}: the reference's {@code alternating_matmul_add} (workloads.md A.12),
 * bgemm's sibling without dependencies. {@code batch·m} matmul tiles {@code C = A·B} in groups of
 * {@code matmul-batch} per AIC task and {@code batch·n} add tiles {@code Z = X + Y} in groups of
 * {@code add-batch} per AIV task, every tile 128×128 fp32; matmul and add tasks are submitted
 * interleaved and no task reads what another writes, so everything is ready at once: pure
 * dispatch throughput.
 *
 * <p>Inputs {@code N(0,1)·0.01} from a seeded stream (A, B, X, Y in that order); golden in double,
 * RTOL = ATOL = 1e-3 as the reference.
 */
public final class AlternatingExample implements Example {
    /** Tile edge; fixed in the reference ({@code MATMUL_ELEMS = ADD_ELEMS = 128·128}). */
    public static final int TILE = 128;

    public static final double RTOL = 1e-3;
    public static final double ATOL = 1e-3;
    static final long INPUT_SEED = 42;

    private final Kernel matmul;
    private final Kernel add;

    public AlternatingExample() {
        this(GemmKernels.ALT_MATMUL, GemmKernels.ALT_ADD);
    }

    AlternatingExample(Kernel matmul, Kernel add) {
        this.matmul = matmul;
        this.add = add;
    }

    @Override
    public String name() {
        return "alternating-matmul-add";
    }

    @Override
    public String description() {
        return "alternating_matmul_add: independent AIC matmul tasks (C = A·B) and AIV add tasks (Z = X + Y) on 128x128 "
                + "fp32 tiles, submitted interleaved, no dependencies (default: 1 + 1 task)";
    }

    @Override
    public List<ExampleOption> options() {
        return List.of(
                ExampleOption.integer("batch", "batches", 1, 1, 1 << 20),
                ExampleOption.integer("m", "matmul tiles per batch", 1, 0, 1 << 16),
                ExampleOption.integer("n", "add tiles per batch", 1, 0, 1 << 16),
                ExampleOption.integer("matmul-batch", "matmul tiles per AIC task", 1, 1, 1 << 16),
                ExampleOption.integer("add-batch", "add tiles per AIV task", 1, 1, 1 << 16));
    }

    @Override
    public List<ExampleCase> cases() {
        return List.of(
                altCase("default", "one matmul task and one add task of one tile each (the default)", 1, 1, 1, 1, 1),
                altCase(
                        "Case1",
                        "500 AIC + 500 AIV tasks of 4 tiles (a2a3 hardware 0.77-0.79 ms, a5 1.41-1.49 ms)",
                        500,
                        4,
                        4,
                        4,
                        4),
                altCase("Case2", "256 AIC tasks of 4 tiles + 512 AIV tasks of 5 tiles", 512, 2, 5, 4, 5));
    }

    private static ExampleCase altCase(String name, String description, int batch, int m, int n, int mb, int ab) {
        return ExampleCase.of(
                name,
                description,
                Map.of(
                        "batch",
                        Integer.toString(batch),
                        "m",
                        Integer.toString(m),
                        "n",
                        Integer.toString(n),
                        "matmul-batch",
                        Integer.toString(mb),
                        "add-batch",
                        Integer.toString(ab)));
    }

    @Override
    public void checkOptions(Options o) {
        long matmuls = (long) o.integer("batch") * o.integer("m");
        long adds = (long) o.integer("batch") * o.integer("n");
        if (matmuls % o.integer("matmul-batch") != 0) {
            throw new IllegalArgumentException("batch x m (" + matmuls + ") must be a multiple of matmul-batch ("
                    + o.integer("matmul-batch") + ")");
        }
        if (adds % o.integer("add-batch") != 0) {
            throw new IllegalArgumentException(
                    "batch x n (" + adds + ") must be a multiple of add-batch (" + o.integer("add-batch") + ")");
        }
        if ((matmuls + adds) * 3L * TILE * TILE * 4 > 8L << 30)
            throw new IllegalArgumentException("the tiles would need more than 8 GiB");
        if (matmuls + adds == 0) throw new IllegalArgumentException("m and n are both 0: nothing to run");
    }

    @Override
    public ExampleInstance instantiate(Topology topology, Options options) {
        return new Instance(this, options);
    }

    @Override
    public String toString() {
        return name();
    }

    private static final class Instance implements ExampleInstance {
        private static final int ELEMS = TILE * TILE;
        private final AlternatingExample example;
        private final int matmulTiles;
        private final int addTiles;
        private final int matmulBatch;
        private final int addBatch;
        private final boolean inputsShared;
        private final Arena arena = Arena.ofShared();
        private final Tensor a;
        private final Tensor b;
        private final Tensor c;
        private final Tensor x;
        private final Tensor y;
        private final Tensor z;

        Instance(AlternatingExample example, Options o) {
            this.example = example;
            matmulTiles = o.integer("batch") * o.integer("m");
            addTiles = o.integer("batch") * o.integer("n");
            matmulBatch = o.integer("matmul-batch");
            addBatch = o.integer("add-batch");
            // Timing only: no kernel reads A, B, X, Y and no task writes them, so one task's worth stands for
            // all (every task views it); C and Z keep their size, their regions are what tasks write.
            inputsShared = !o.computes();
            a = flat(inputsShared ? matmulBatch : matmulTiles);
            b = flat(inputsShared ? matmulBatch : matmulTiles);
            c = flat(matmulTiles);
            x = flat(inputsShared ? addBatch : addTiles);
            y = flat(inputsShared ? addBatch : addTiles);
            z = flat(addTiles);
            if (o.computes()) {
                SplittableRandom rnd = new SplittableRandom(INPUT_SEED);
                for (Tensor t : new Tensor[] {a, b, x, y}) Inputs.gaussian(t, rnd, 0.01);
            }
        }

        private Tensor flat(int tiles) {
            return Tensor.allocate(arena, DType.FP32, Math.max(1, (long) tiles * ELEMS));
        }

        @Override
        public Orchestration orchestration() {
            return orch -> {
                int matmulGroups = matmulTiles / matmulBatch;
                int addGroups = addTiles / addBatch;
                for (int g = 0; g < Math.max(matmulGroups, addGroups); g++) {
                    if (g < matmulGroups) {
                        long[] shape = {(long) matmulBatch * ELEMS};
                        long[] at = {(long) g * matmulBatch * ELEMS};
                        long[] in = inputsShared ? new long[] {0} : at;
                        orch.submit(TaskSpec.aic(example.matmul)
                                .input(a.view(shape, in), b.view(shape, in))
                                .output(c.view(shape, at)));
                    }
                    if (g < addGroups) {
                        long[] shape = {(long) addBatch * ELEMS};
                        long[] at = {(long) g * addBatch * ELEMS};
                        long[] in = inputsShared ? new long[] {0} : at;
                        orch.submit(TaskSpec.aiv(example.add)
                                .input(x.view(shape, in), y.view(shape, in))
                                .output(z.view(shape, at)));
                    }
                }
            };
        }

        @Override
        public Verdict verify() {
            List<Verdict> parts = new ArrayList<>();
            if (matmulTiles > 0) parts.add(Golden.compare("C", c, matmulGolden(), RTOL, ATOL));
            if (addTiles > 0) parts.add(Golden.compare("Z", z, addGolden(), RTOL, ATOL));
            return Verdict.merge(parts);
        }

        private double[] matmulGolden() {
            double[] out = new double[matmulTiles * ELEMS];
            for (int t = 0; t < matmulTiles; t++) {
                int base = t * ELEMS;
                for (int r = 0; r < TILE; r++) {
                    for (int p = 0; p < TILE; p++) {
                        double av = a.getFloat(base + r * TILE + p);
                        for (int col = 0; col < TILE; col++)
                            out[base + r * TILE + col] += av * b.getFloat(base + p * TILE + col);
                    }
                }
            }
            return out;
        }

        private double[] addGolden() {
            double[] out = new double[addTiles * ELEMS];
            for (int i = 0; i < out.length; i++) out[i] = (double) x.getFloat(i) + y.getFloat(i);
            return out;
        }

        @Override
        public String preview() {
            return String.format(
                    Locale.ROOT,
                    "%d matmul tiles in %d AIC tasks, %d add tiles in %d AIV tasks; C[0] = %.6f, Z[0] = %.6f",
                    matmulTiles,
                    matmulTiles / matmulBatch,
                    addTiles,
                    addTiles / addBatch,
                    matmulTiles > 0 ? c.getFloat(0) : 0f,
                    addTiles > 0 ? z.getFloat(0) : 0f);
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}
