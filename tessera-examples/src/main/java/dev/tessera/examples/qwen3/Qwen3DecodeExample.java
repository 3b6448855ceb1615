package dev.tessera.examples.qwen3;

import static dev.tessera.examples.qwen3.Qwen3Shape.*;

import dev.tessera.api.DType;
import dev.tessera.api.Orchestration;
import dev.tessera.api.OutputSpec;
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
import dev.tessera.examples.tile.TileIo;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code qwen3-decode}: the reference's Qwen3-14B decode step ({@code qwen3_14b_decode}, workloads.md
 * A.6), the workload its post-#827 dispatch work was measured on. Every layer is the reference's
 * task graph ({@link Qwen3Layer}); the prologue is alloc, {@code pa_tiling}, fence 0,
 * {@code copy_hidden} and the 5-block {@code x_gamma0}, the epilogue {@code copy_out}.
 *
 * <p>Tile counts are the reference's, tiles are shrunk ({@link Qwen3Shape}: hidden 320 = 40 heads × 8,
 * KV 64, intermediate 1 088, batch 16, context 64 in pages of 16), so the output is computed and
 * checked against a double golden with the reference's bf16 cast points and tolerance (RTOL 5e-2,
 * ATOL 1e-1), the KV caches too; kernels report the real layer's work, so {@code sim --no-compute}
 * times the real step. Weights are the same for every layer, as the reference replicates them.
 */
public final class Qwen3DecodeExample implements Example {
    public static final double RTOL = 5e-2;
    public static final double ATOL = 1e-1;
    static final long INPUT_SEED = 1_234;

    @Override
    public String name() {
        return "qwen3-decode";
    }

    @Override
    public String description() {
        return "qwen3_14b_decode: the Qwen3-14B decode step, 279 tasks per layer (SPMD 50/24/10/6/5, a 24-block sync-start "
                + "MIX attention, fences, split-K accumulation), shrunken tiles; option layers (default 40)";
    }

    @Override
    public List<ExampleOption> options() {
        return List.of(ExampleOption.integer("layers", "decoder layers (the reference runs 40)", 40, 1, 40));
    }

    @Override
    public List<ExampleCase> cases() {
        return List.of(
                ExampleCase.of(
                        "StressBatch16Seq3500",
                        "the reference's case: 40 layers (the default)",
                        Map.of("layers", "40")),
                ExampleCase.of("TwoLayers", "2 layers, quick with compute", Map.of("layers", "2")));
    }

    @Override
    public boolean quick() {
        return false;
    }

    @Override
    public ExampleInstance instantiate(Topology topology, Options options) {
        return new Instance(options, Math.min(ATTENTION_BLOCKS, topology.clusters()));
    }

    @Override
    public String toString() {
        return name();
    }

    /** Tasks of a run with {@code layers} layers: prologue 5 (the alloc included), 279 per layer, epilogue 1. */
    public static int taskCount(int layers) {
        return 5 + 279 * layers + 1;
    }

    private static final class Instance implements ExampleInstance {
        private static final int PAGES = BATCH * (CONTEXT / PAGE);

        private final int layers;
        /** 24 as in the reference (on a5 too, covering 24 of its 36 clusters); fewer on a smaller machine. */
        private final int attentionBlocks;

        private final boolean computes;
        private final Arena arena = Arena.ofShared();
        private final Tensor hiddenIn;
        private final Tensor[] xs = new Tensor[2];
        private final Tensor[] normeds = new Tensor[2];
        private final Tensor out;
        private final Tensor[] kCaches;
        private final Tensor[] vCaches;
        private final Qwen3Layer.Constants constants;
        private double[][][][] kGolden;
        private double[][][][] vGolden;

        Instance(Options o, int attentionBlocks) {
            layers = o.integer("layers");
            this.attentionBlocks = attentionBlocks;
            computes = o.computes();
            hiddenIn = Tensor.allocate(arena, DType.FP32, BATCH, HIDDEN);
            for (int i = 0; i < 2; i++) {
                xs[i] = Tensor.allocate(arena, DType.FP32, BATCH, HIDDEN);
                normeds[i] = Tensor.allocate(arena, DType.BF16, BATCH, HIDDEN);
            }
            out = Tensor.allocate(arena, DType.BF16, BATCH, HIDDEN);
            kCaches = new Tensor[layers];
            vCaches = new Tensor[layers];
            for (int l = 0; l < layers; l++) {
                kCaches[l] = Tensor.allocate(arena, DType.BF16, PAGES, PAGE, KV_HIDDEN);
                vCaches[l] = Tensor.allocate(arena, DType.BF16, PAGES, PAGE, KV_HIDDEN);
            }
            Tensor blockTable = Tensor.allocate(arena, DType.INT32, BATCH, CONTEXT / PAGE);
            Tensor contextLens = Tensor.allocate(arena, DType.INT32, BATCH);
            for (int b = 0; b < BATCH; b++) {
                contextLens.set(CONTEXT, b);
                // identity paging, as the reference's case
                for (int j = 0; j < CONTEXT / PAGE; j++) blockTable.set(b * (CONTEXT / PAGE) + j, b, j);
            }
            Tensor cos = Tensor.allocate(arena, DType.FP32, HEAD_DIM / 2);
            Tensor sin = Tensor.allocate(arena, DType.FP32, HEAD_DIM / 2);
            for (int i = 0; i < HEAD_DIM / 2; i++) {
                double angle = (CONTEXT - 1) * Math.pow(ROPE_THETA, -2.0 * i / HEAD_DIM);
                cos.set(Math.cos(angle), i);
                sin.set(Math.sin(angle), i);
            }
            constants = new Qwen3Layer.Constants(
                    weight(HIDDEN, HIDDEN),
                    weight(HIDDEN, KV_HIDDEN),
                    weight(HIDDEN, KV_HIDDEN),
                    weight(HIDDEN, HIDDEN),
                    weight(HIDDEN, INTERMEDIATE),
                    weight(HIDDEN, INTERMEDIATE),
                    weight(INTERMEDIATE, HIDDEN),
                    vector(HIDDEN),
                    vector(HIDDEN),
                    vector(HEAD_DIM),
                    vector(HEAD_DIM),
                    cos,
                    sin,
                    blockTable,
                    contextLens);
            if (computes) fill();
        }

        private Tensor weight(int in, int outCols) {
            return Tensor.allocate(arena, DType.BF16, in, outCols);
        }

        private Tensor vector(int n) {
            return Tensor.allocate(arena, DType.FP32, n);
        }

        /** Seeded inputs: weights U(−1, 1)/√in in bf16, norm weights 1 ± 0.1, hidden U(−1, 1), old cache entries U(−1, 1). */
        private void fill() {
            SplittableRandom rnd = new SplittableRandom(INPUT_SEED);
            Inputs.uniform(hiddenIn, rnd, -1, 1);
            for (Tensor w : new Tensor[] {
                constants.wq(),
                constants.wk(),
                constants.wv(),
                constants.wo(),
                constants.wGate(),
                constants.wUp(),
                constants.wDown()
            }) {
                double r = 1 / Math.sqrt(w.shape(0));
                Inputs.uniform(w, rnd, -r, r);
            }
            for (Tensor g :
                    new Tensor[] {constants.inputGamma(), constants.postGamma(), constants.qNorm(), constants.kNorm()
                    }) {
                Inputs.uniform(g, rnd, 0.9, 1.1);
            }
            for (int l = 0; l < layers; l++) {
                Inputs.uniform(kCaches[l], rnd, -1, 1);
                Inputs.uniform(vCaches[l], rnd, -1, 1);
            }
            kGolden = cacheCopy(kCaches);
            vGolden = cacheCopy(vCaches);
        }

        /** The caches as [layer][b][t][KV] in double, read through the identity block table. */
        private double[][][][] cacheCopy(Tensor[] caches) {
            double[][][][] c = new double[layers][BATCH][CONTEXT][KV_HIDDEN];
            for (int l = 0; l < layers; l++) {
                for (int b = 0; b < BATCH; b++) {
                    for (int t = 0; t < CONTEXT; t++) {
                        long page = (long) constants.blockTable().get(b, t / PAGE);
                        for (int d = 0; d < KV_HIDDEN; d++) c[l][b][t][d] = caches[l].get(page, t % PAGE, d);
                    }
                }
            }
            return c;
        }

        @Override
        public Orchestration orchestration() {
            return orch -> {
                Tensor[] a0 = orch.allocTensors(OutputSpec.of(DType.INT64, 4), OutputSpec.of(DType.FP32, 64));
                long tiling = orch.submit(
                                TaskSpec.aiv(Qwen3Kernels.TILING).output(a0[0]).earlyResolve())
                        .taskId();
                orch.submit(TaskSpec.dummy().named("fence_0"));
                long copy = orch.submit(TaskSpec.aiv(Qwen3Kernels.COPY_HIDDEN)
                                .input(hiddenIn)
                                .output(xs[0]))
                        .taskId();
                long previous = orch.submit(TaskSpec.aiv(Qwen3Kernels.X_GAMMA)
                                .input(xs[0], constants.inputGamma())
                                .output(normeds[0])
                                .blocks(K_SPLITS)
                                .dependsOn(copy)
                                .earlyResolve()
                                .named("qwen3_x_gamma0"))
                        .taskId();
                Qwen3Layer.Prologue pro = new Qwen3Layer.Prologue(a0[0], a0[1], tiling);
                for (int l = 0; l < layers; l++) {
                    int cur = l % 2;
                    previous = Qwen3Layer.submit(
                            orch,
                            constants,
                            pro,
                            attentionBlocks,
                            kCaches[l],
                            vCaches[l],
                            xs[cur],
                            normeds[cur],
                            xs[1 - cur],
                            normeds[1 - cur],
                            previous);
                }
                orch.submit(TaskSpec.aiv(Qwen3Kernels.COPY_OUT)
                        .input(xs[layers % 2])
                        .output(out)
                        .dependsOn(previous));
            };
        }

        @Override
        public Verdict verify() {
            if (!computes) return Verdict.notChecked("kernels did not run");
            Qwen3Golden.Weights w = new Qwen3Golden.Weights(
                    floats(constants.wq()),
                    floats(constants.wk()),
                    floats(constants.wv()),
                    floats(constants.wo()),
                    floats(constants.wGate()),
                    floats(constants.wUp()),
                    floats(constants.wDown()),
                    floats(constants.inputGamma()),
                    floats(constants.postGamma()),
                    floats(constants.qNorm()),
                    floats(constants.kNorm()));
            float[] x0 = floats(hiddenIn);
            double[] x = new double[x0.length];
            for (int i = 0; i < x.length; i++) x[i] = x0[i];
            double[] golden = Qwen3Golden.run(w, x, kGolden, vGolden, layers);
            List<Verdict> parts = new ArrayList<>();
            parts.add(Golden.compare("out", out, golden, RTOL, ATOL));
            for (int l = 0; l < layers; l++) {
                parts.add(Golden.compare("k_cache[" + l + "]", kCaches[l], flatten(kGolden[l]), RTOL, ATOL));
                parts.add(Golden.compare("v_cache[" + l + "]", vCaches[l], flatten(vGolden[l]), RTOL, ATOL));
            }
            return Verdict.merge(parts);
        }

        /** A [b][t][KV] cache in the tensor's page order (identity paging: page b·pages + t/PAGE). */
        private static double[] flatten(double[][][] c) {
            double[] f = new double[BATCH * CONTEXT * KV_HIDDEN];
            int i = 0;
            for (int b = 0; b < BATCH; b++)
                for (int t = 0; t < CONTEXT; t++) for (int d = 0; d < KV_HIDDEN; d++) f[i++] = c[b][t][d];
            return f;
        }

        private static float[] floats(Tensor t) {
            float[] f = new float[Math.toIntExact(t.numel())];
            if (t.ndims() <= 2) {
                TileIo.load(t, f);
            } else {
                for (int i = 0; i < f.length; i++) f[i] = (float) t.getRaw(t.linearOffset(i));
            }
            return f;
        }

        @Override
        public String preview() {
            return String.format(
                    Locale.ROOT,
                    "out[0] = %.4f, out[%d] = %.4f (%d layers, %d tasks)",
                    out.get(0, 0),
                    out.numel() - 1,
                    out.get(BATCH - 1, HIDDEN - 1),
                    layers,
                    taskCount(layers));
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}
