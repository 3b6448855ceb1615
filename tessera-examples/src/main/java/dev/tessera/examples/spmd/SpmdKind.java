package dev.tessera.examples.spmd;

import dev.tessera.api.TaskSpec;

/**
 * What one SPMD task runs, how many cache lines each of its blocks owns, and what those lines must
 * hold afterwards. Kernels and golden are kept side by side so that a kind cannot change one
 * without the other; the golden is written from the description in the spec (§6.1), not by
 * calling the kernels.
 */
public enum SpmdKind {
    /** Reference {@code spmd_multiblock_aiv}: one AIV kernel, one line per block holding {@code block_idx}. */
    AIV(false, 1) {
        @Override
        TaskSpec newSpec() {
            return TaskSpec.aiv(SpmdKernels.WRITE);
        }

        @Override
        void expect(float[] g, long line, int blockIdx, int blockNum) {
            g[word(line, 0)] = blockIdx;
        }
    },
    /** Reference {@code spmd_multiblock_mix}: AIC + AIV0 + AIV1, three lines per block, each holding {@code block_idx}. */
    MIX(true, 3) {
        @Override
        TaskSpec newSpec() {
            return TaskSpec.mix(SpmdKernels.MIX_AIC, SpmdKernels.MIX_AIV, SpmdKernels.MIX_AIV);
        }

        @Override
        void expect(float[] g, long line, int blockIdx, int blockNum) {
            for (int lane = 0; lane < 3; lane++) g[word(line + lane, 0)] = blockIdx;
        }
    },
    /**
     * Reference {@code spmd_basic}: the AIC line holds {@code [block_idx, block_num]}, the AIV lines
     * {@code [block_idx, block_num, sub_block_id]} with sub-block 0 then 1.
     */
    MIX_READ(true, 3) {
        @Override
        TaskSpec newSpec() {
            return TaskSpec.mix(SpmdKernels.READ_AIC, SpmdKernels.READ_AIV, SpmdKernels.READ_AIV);
        }

        @Override
        void expect(float[] g, long line, int blockIdx, int blockNum) {
            g[word(line, 0)] = blockIdx;
            g[word(line, 1)] = blockNum;
            for (int sub = 0; sub < 2; sub++) {
                g[word(line + 1 + sub, 0)] = blockIdx;
                g[word(line + 1 + sub, 1)] = blockNum;
                g[word(line + 1 + sub, 2)] = sub;
            }
        }
    },
    /** Ours: an AIC-only task stamping {@code [block_idx, block_num, AIC code]}. */
    AIC_STAMP(true, 1) {
        @Override
        TaskSpec newSpec() {
            return TaskSpec.aic(SpmdKernels.STAMP);
        }

        @Override
        void expect(float[] g, long line, int blockIdx, int blockNum) {
            stamp(g, line, blockIdx, blockNum, SpmdKernels.AIC_CODE);
        }
    },
    /** Ours: an AIV-only task stamping {@code [block_idx, block_num, AIV code]}. */
    AIV_STAMP(false, 1) {
        @Override
        TaskSpec newSpec() {
            return TaskSpec.aiv(SpmdKernels.STAMP);
        }

        @Override
        void expect(float[] g, long line, int blockIdx, int blockNum) {
            stamp(g, line, blockIdx, blockNum, SpmdKernels.AIV_CODE);
        }
    };

    private final boolean placedOnClusters;
    private final int linesPerBlock;

    SpmdKind(boolean placedOnClusters, int linesPerBlock) {
        this.placedOnClusters = placedOnClusters;
        this.linesPerBlock = linesPerBlock;
    }

    /** A task spec with this kind's kernels and no arguments yet. */
    abstract TaskSpec newSpec();

    /** Writes into {@code golden} what block {@code blockIdx} leaves in the lines starting at {@code line}. */
    abstract void expect(float[] golden, long line, int blockIdx, int blockNum);

    public int linesPerBlock() {
        return linesPerBlock;
    }

    /**
     * True when one block needs a cluster's AIC (MIX and AIC tasks), false when it needs one AIV
     * core: this decides the most blocks a syncStart task may ask for (spec §4.9).
     */
    public boolean placedOnClusters() {
        return placedOnClusters;
    }

    private static int word(long line, int w) {
        return Math.toIntExact(line * SpmdKernels.CACHE_LINE + w);
    }

    private static void stamp(float[] g, long line, int blockIdx, int blockNum, float code) {
        g[word(line, 0)] = blockIdx;
        g[word(line, 1)] = blockNum;
        g[word(line, 2)] = code;
    }
}
