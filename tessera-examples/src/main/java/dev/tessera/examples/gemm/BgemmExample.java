package dev.tessera.examples.gemm;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestration;
import dev.tessera.api.Scope;
import dev.tessera.api.Submitted;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code bgemm}: the reference's {@code benchmark_bgemm} (workloads.md A.5), {@code C = Σ_k A[k]·B[k]}
 * in fp32, tiled, with its four axes as options: {@code tasks} (GEMM tasks, the dispatch-overhead
 * axis), {@code tile} (tile edge), {@code loop} (tiles per task) and {@code grid-k} (accumulation
 * depth, the dependency-chain axis).
 *
 * <p>Layout as in the reference: A and B are {@code [groups, grid_k, loop, tile, tile]} flattened, C
 * is {@code [loop·groups, tile, tile]} flattened, {@code groups = tasks / grid_k}; the config
 * {@code [tile, grid_k, groups, loop]} is an INT64 tensor that the orchestration reads with
 * {@code readElement} and the GEMM kernel reads too. Per group, in a nested scope: for each k a GEMM
 * (AIC) multiplies the group's {@code loop} tiles of A[k] and B[k] into a runtime-allocated buffer,
 * and an ADD (AIV) adds that buffer into the group's slice of C (INOUT). Every edge is inferred:
 * ADD(g,k) ← GEMM(g,k) (creator), ADD(g,k) ← ADD(g,k−1) (INOUT on C); GEMMs are independent.
 *
 * <p>Inputs: {@code N(0,1)·0.01} fp32 from a seeded stream (A first, then B). Golden: C in double,
 * checked with the reference's RTOL = ATOL = 1e-3.
 */
public final class BgemmExample implements Example {
    public static final double RTOL = 1e-3;
    public static final double ATOL = 1e-3;
    static final long INPUT_SEED = 1_500;

    private final Kernel gemm;
    private final Kernel add;

    public BgemmExample() {
        this(GemmKernels.BGEMM_GEMM, GemmKernels.BGEMM_ADD);
    }

    /** With other kernels: tests use it to show that the golden catches a faulty one. */
    BgemmExample(Kernel gemm, Kernel add) {
        this.gemm = gemm;
        this.add = add;
    }

    @Override
    public String name() {
        return "bgemm";
    }

    @Override
    public String description() {
        return "benchmark_bgemm: C = sum_k A[k]·B[k] in fp32 tiles; independent AIC GEMMs feed AIV add chains of depth "
                + "grid-k, a nested scope per group; axes tasks/tile/loop/grid-k (default Bgemm64)";
    }

    @Override
    public List<ExampleOption> options() {
        return List.of(
                ExampleOption.integer("tasks", "GEMM tasks (matmul_add_task_num); as many ADD tasks", 32, 1, 1 << 20),
                ExampleOption.integer("tile", "tile edge (incore_data_size)", 64, 1, 1024),
                ExampleOption.integer("loop", "tiles per task (incore_loop)", 1, 1, 1024),
                ExampleOption.integer("grid-k", "accumulation depth: GEMMs per group", 4, 1, 1 << 20));
    }

    @Override
    public List<ExampleCase> cases() {
        return List.of(
                bgemmCase("Case0", "the reference's default: 1 000 tasks (a2a3 hardware 0.60-0.72 ms)", 500, 128, 4, 2),
                bgemmCase("Case1", "the reference point of the axes: 128 tasks, 537 M MAC", 64, 128, 4, 2),
                bgemmCase("Case2", "4x the tasks of Case1", 256, 128, 4, 2),
                bgemmCase("Case3", "4x the work per task of Case1", 64, 128, 16, 2),
                bgemmCase("Case4", "twice the accumulation depth of Case1", 64, 128, 4, 4),
                bgemmCase("Bgemm64", "small 64x64 tiles, one per task (the default)", 32, 64, 1, 4));
    }

    private static ExampleCase bgemmCase(String name, String description, int tasks, int tile, int loop, int gridK) {
        return ExampleCase.of(
                name,
                description,
                Map.of(
                        "tasks",
                        Integer.toString(tasks),
                        "tile",
                        Integer.toString(tile),
                        "loop",
                        Integer.toString(loop),
                        "grid-k",
                        Integer.toString(gridK)));
    }

    @Override
    public void checkOptions(Options o) {
        long tasks = o.integer("tasks");
        long gridK = o.integer("grid-k");
        if (tasks % gridK != 0)
            throw new IllegalArgumentException("tasks (" + tasks + ") must be a multiple of grid-k (" + gridK + ")");
        long bytes = 2L * tasks * o.integer("loop") * o.integer("tile") * o.integer("tile") * 4;
        if (bytes > 8L << 30)
            throw new IllegalArgumentException("A and B would need " + (bytes >> 20) + " MiB; the limit is 8 GiB");
        long tileBytes = (long) o.integer("loop") * o.integer("tile") * o.integer("tile") * 4;
        if (tileBytes > 16L << 20)
            throw new IllegalArgumentException("one task's tiles (loop x tile x tile fp32) exceed 16 MiB of heap");
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
        private final BgemmExample example;
        private final int tile;
        private final int loop;
        private final int gridK;
        private final int groups;
        private final boolean computes;
        private final Arena arena = Arena.ofShared();
        private final Tensor a;
        private final Tensor b;
        private final Tensor c;
        private final Tensor config;

        Instance(BgemmExample example, Options o) {
            this.example = example;
            tile = o.integer("tile");
            loop = o.integer("loop");
            gridK = o.integer("grid-k");
            groups = o.integer("tasks") / gridK;
            // Timing only: no kernel reads A and B and no task writes them, so one task's worth stands for all
            // (every GEMM views it): the same shapes and edges, without hundreds of megabytes to zero.
            computes = o.computes();
            long elems = computes ? (long) groups * gridK * loop * tile * tile : (long) loop * tile * tile;
            a = Tensor.allocate(arena, DType.FP32, elems);
            b = Tensor.allocate(arena, DType.FP32, elems);
            c = Tensor.allocate(arena, DType.FP32, (long) loop * groups * tile * tile);
            config = Tensor.allocate(arena, DType.INT64, 4);
            config.set(tile, 0);
            config.set(gridK, 1);
            config.set(groups, 2);
            config.set(loop, 3);
            if (o.computes()) {
                SplittableRandom rnd = new SplittableRandom(INPUT_SEED);
                Inputs.gaussian(a, rnd, 0.01);
                Inputs.gaussian(b, rnd, 0.01);
            }
        }

        /** The reference's heap when the GEMM outputs together exceed Tessera's default of 64 MiB. */
        @Override
        public long heapBytes() {
            return (long) groups * gridK * loop * tile * tile * 4 > 64L << 20 ? REFERENCE_HEAP_BYTES : 0;
        }

        @Override
        public Orchestration orchestration() {
            return orch -> {
                // The reference reads its configuration from the tensor, not from host variables.
                int t = (int) orch.readElement(config, 0);
                int k = (int) orch.readElement(config, 1);
                int g = (int) orch.readElement(config, 2);
                int l = (int) orch.readElement(config, 3);
                long groupElems = (long) l * t * t;
                for (int group = 0; group < g; group++) {
                    try (Scope scope = orch.scope()) {
                        Tensor cView = c.view(new long[] {groupElems}, new long[] {group * groupElems});
                        for (int kk = 0; kk < k; kk++) {
                            long ab = computes ? ((long) group * k + kk) * groupElems : 0;
                            Tensor aView = a.view(new long[] {groupElems}, new long[] {ab});
                            Tensor bView = b.view(new long[] {groupElems}, new long[] {ab});
                            Submitted gemm = orch.submit(TaskSpec.aic(example.gemm)
                                    .input(aView, bView)
                                    .output(DType.FP32, groupElems)
                                    .input(config));
                            orch.submit(TaskSpec.aiv(example.add).inout(cView).input(gemm.output(0), config));
                        }
                    }
                }
            };
        }

        /** C in double: every group's tile i is the sum over k of A[g,k,i]·B[g,k,i]. */
        private double[] golden() {
            int elems = tile * tile;
            double[] out = new double[Math.toIntExact(c.numel())];
            double[] x = new double[elems];
            double[] y = new double[elems];
            for (int g = 0; g < groups; g++) {
                for (int k = 0; k < gridK; k++) {
                    for (int i = 0; i < loop; i++) {
                        long src = (((long) g * gridK + k) * loop + i) * elems;
                        read(a, src, x);
                        read(b, src, y);
                        int dst = (g * loop + i) * elems;
                        for (int r = 0; r < tile; r++) {
                            for (int p = 0; p < tile; p++) {
                                double xv = x[r * tile + p];
                                int yRow = p * tile;
                                int oRow = dst + r * tile;
                                for (int col = 0; col < tile; col++) out[oRow + col] += xv * y[yRow + col];
                            }
                        }
                    }
                }
            }
            return out;
        }

        private static void read(Tensor t, long from, double[] dst) {
            for (int i = 0; i < dst.length; i++) dst[i] = t.getFloat(from + i);
        }

        @Override
        public Verdict verify() {
            return Golden.compare("C", c, golden(), RTOL, ATOL);
        }

        @Override
        public String preview() {
            return String.format(
                    Locale.ROOT,
                    "C[0] = %.6f, C[%d] = %.6f (%d groups x grid_k %d x loop %d tiles of %dx%d)",
                    c.getFloat(0),
                    c.numel() - 1,
                    c.getFloat(c.numel() - 1),
                    groups,
                    gridK,
                    loop,
                    tile,
                    tile);
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}
