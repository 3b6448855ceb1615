package dev.tessera.examples.attention;

import dev.tessera.api.DType;
import dev.tessera.api.Orchestration;
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
 * {@code paged-attention}: decode attention over a paged KV cache, the reference's most used
 * benchmark family (workloads.md A.1–A.3), with its four task graphs as {@code --variant}
 * (see {@link Variant}) and its test cases as {@code --case}.
 *
 * <p>Inputs as the reference's {@code generate_inputs}, from a fixed seed: query U(−0.5, 0.5), K
 * U(−0.5, 0.5), V U(−1, 1), all bf16; the block table random in {@code [0, pool)} with repeats
 * allowed; context lengths from the {@code context} option (a list, repeated over the batch).
 * Golden: {@link AttentionGolden}; tolerance RTOL = ATOL = 1e-3 as the reference's.
 */
public final class PagedAttentionExample implements Example {
    public static final double RTOL = 1e-3;
    public static final double ATOL = 1e-3;
    static final long INPUT_SEED = 2_024;
    /** The K and V caches together may not exceed this; Case1 needs 1 GiB. */
    static final long MAX_CACHE_BYTES = 8L << 30;

    private final AttentionKernels.Set perBlock;
    private final AttentionKernels.Set perGroup;

    public PagedAttentionExample() {
        this(AttentionKernels.PER_BLOCK, AttentionKernels.PER_GROUP);
    }

    /** With other kernels: tests use it to show that the golden catches a faulty one. */
    PagedAttentionExample(AttentionKernels.Set perBlock, AttentionKernels.Set perGroup) {
        this.perBlock = perBlock;
        this.perGroup = perGroup;
    }

    @Override
    public String name() {
        return "paged-attention";
    }

    @Override
    public String description() {
        return "paged attention (online softmax over a paged bf16 KV cache): QK on AIC -> softmax on AIV -> PV on AIC -> "
                + "update on AIV per KV block; --variant baseline|manual|unroll|unroll-manual (default CaseSmall1)";
    }

    @Override
    public List<ExampleOption> options() {
        return List.of(
                ExampleOption.choice(
                        "variant",
                        "task graph: baseline (AUTO scopes, a nested one per KV block), manual "
                                + "(MANUAL scopes, explicit edges), unroll (4 tasks per group of KV blocks), unroll-manual",
                        "baseline",
                        "baseline",
                        "manual",
                        "unroll",
                        "unroll-manual"),
                ExampleOption.integer("batch", "sequences", 1, 1, 4096),
                ExampleOption.integer("heads", "query heads (one KV head); q-tile = min(heads, 128)", 16, 1, 4096),
                ExampleOption.integer("head-dim", "head dimension", 16, 1, 1024),
                ExampleOption.integer("block-size", "KV cache block size (tokens per block)", 16, 1, 1024),
                ExampleOption.integers(
                        "context", "context length of each sequence, repeated over the batch", "33", 1, 1 << 20),
                ExampleOption.integer("max-model-len", "block table width x block size", 256, 1, 1 << 22),
                ExampleOption.integer("group-blocks", "unroll variants: KV blocks per group (N_UNROLL)", 64, 1, 4096),
                ExampleOption.number("scale", "softmax scale applied to Q·Kᵀ", 1.0));
    }

    @Override
    public List<ExampleCase> cases() {
        return List.of(
                paCase(
                        "CaseSmall1",
                        "13 tasks (the default): batch 1, 16 heads, d 16, block 16, context 33",
                        1,
                        16,
                        16,
                        16,
                        "33",
                        256),
                paCase("CaseSmall2", "33 tasks: context 128", 1, 16, 16, 16, "128", 256),
                paCase("CaseVarSeq2", "22 tasks: contexts 33, 17", 2, 16, 16, 16, "33,17", 256),
                paCase("CaseVarSeq4", "68 tasks: contexts 33, 64, 128, 15", 4, 16, 16, 16, "33,64,128,15", 256),
                paCase(
                        "Medium",
                        "ours: 264 tasks with the hardware tile shapes (16x128x128): batch 8, context 1024",
                        8,
                        16,
                        128,
                        128,
                        "1024",
                        32768),
                paCase(
                        "Case1",
                        "hardware: 65 792 tasks (unroll: 1 280, a2a3 1.09-1.14 ms): batch 256, 16 heads, d 128, "
                                + "block 128, context 8192",
                        256,
                        16,
                        128,
                        128,
                        "8192",
                        32768),
                paCase(
                        "Case2",
                        "32 832 tasks (unroll: 576, a2a3 0.49-0.56 ms): batch 64, 64 heads, d 128, block 64",
                        64,
                        64,
                        128,
                        64,
                        "8192",
                        32768),
                paCase("Case3", "as Case2 with d 256", 64, 64, 256, 64, "8192", 32768));
    }

    private static ExampleCase paCase(
            String name,
            String description,
            int batch,
            int heads,
            int headDim,
            int block,
            String context,
            int maxModelLen) {
        return ExampleCase.of(
                name,
                description,
                Map.of(
                        "batch",
                        Integer.toString(batch),
                        "heads",
                        Integer.toString(heads),
                        "head-dim",
                        Integer.toString(headDim),
                        "block-size",
                        Integer.toString(block),
                        "context",
                        context,
                        "max-model-len",
                        Integer.toString(maxModelLen)));
    }

    @Override
    public void checkOptions(Options o) {
        AttentionShape s = AttentionShape.of(o);
        if (s.heads() > AttentionShape.MAX_Q_TILE && s.heads() % AttentionShape.MAX_Q_TILE != 0) {
            throw new IllegalArgumentException("heads above " + AttentionShape.MAX_Q_TILE
                    + " must be a multiple of it (q-tiles of " + AttentionShape.MAX_Q_TILE + "), got " + s.heads());
        }
        if ((long) s.blocks(argMax(s.contexts())) > s.tableWidth()) {
            throw new IllegalArgumentException(
                    "a context of " + s.maxContext() + " needs " + s.blocks(argMax(s.contexts()))
                            + " blocks, but the block table holds max-model-len / block-size = " + s.tableWidth());
        }
        long cacheBytes = 2 * s.poolBlocks() * s.blockSize() * s.headDim() * 2;
        if (cacheBytes > MAX_CACHE_BYTES) {
            throw new IllegalArgumentException("the K and V caches would need " + (cacheBytes >> 20)
                    + " MiB; the limit is " + (MAX_CACHE_BYTES >> 20) + " MiB");
        }
    }

    private static int argMax(int[] xs) {
        int best = 0;
        for (int i = 1; i < xs.length; i++) if (xs[i] > xs[best]) best = i;
        return best;
    }

    @Override
    public ExampleInstance instantiate(Topology topology, Options options) {
        AttentionShape shape = AttentionShape.of(options);
        return new Instance(shape, shape.variant().unrolled() ? perGroup : perBlock, options.computes());
    }

    @Override
    public String toString() {
        return name();
    }

    private static final class Instance implements ExampleInstance {
        private final AttentionShape shape;
        private final AttentionKernels.Set kernels;
        private final Arena arena = Arena.ofShared();
        private final Tensor query;
        private final Tensor keys;
        private final Tensor values;
        private final Tensor table;
        private final Tensor contexts;
        private final Tensor out;

        Instance(AttentionShape shape, AttentionKernels.Set kernels, boolean computes) {
            this.shape = shape;
            this.kernels = kernels;
            long rows = (long) shape.batch() * shape.heads();
            // Timing only: no kernel reads the caches, and no task writes them, so one block stands for the
            // pool (every block-table entry 0): the same views, shapes and edges, without a gigabyte to zero.
            long pool = computes ? shape.poolBlocks() : 1;
            long cacheRows = pool * shape.blockSize();
            query = Tensor.allocate(arena, DType.BF16, rows, shape.headDim());
            keys = Tensor.allocate(arena, DType.BF16, cacheRows, shape.headDim());
            values = Tensor.allocate(arena, DType.BF16, cacheRows, shape.headDim());
            table = Tensor.allocate(arena, DType.INT32, shape.batch(), shape.tableWidth());
            contexts = Tensor.allocate(arena, DType.INT32, shape.batch());
            out = Tensor.allocate(arena, DType.FP32, rows, shape.headDim());
            SplittableRandom rnd = new SplittableRandom(INPUT_SEED);
            // The graph depends on the block table and the context lengths: always filled.
            for (int b = 0; b < shape.batch(); b++) contexts.set(shape.contexts()[b], b);
            Inputs.fill(table, () -> rnd.nextLong(pool));
            if (computes) {
                Inputs.uniform(query, rnd, -0.5, 0.5);
                Inputs.uniform(keys, rnd, -0.5, 0.5);
                Inputs.uniform(values, rnd, -1.0, 1.0);
            }
        }

        /** The reference's heap when the outputs of all tasks together exceed Tessera's default of 64 MiB. */
        @Override
        public long heapBytes() {
            return shape.outputBytes() > 64L << 20 ? REFERENCE_HEAP_BYTES : 0;
        }

        @Override
        public Orchestration orchestration() {
            return new AttentionOrchestrations(shape, kernels, query, keys, values, table, contexts, out)
                    .orchestration();
        }

        @Override
        public Verdict verify() {
            return Golden.compare("out", out, AttentionGolden.compute(shape, query, keys, values, table), RTOL, ATOL);
        }

        @Override
        public String preview() {
            long last = out.numel() - 1;
            return String.format(
                    Locale.ROOT,
                    "%s: %d tasks, out[0,0] = %.6f, out[%d,%d] = %.6f",
                    shape.variant().optionName(),
                    shape.tasks(),
                    out.get(0, 0),
                    last / shape.headDim(),
                    last % shape.headDim(),
                    out.getRaw(out.linearOffset(last)));
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}
