package dev.tessera.examples.qwen3;

import static dev.tessera.examples.qwen3.Qwen3Shape.*;

import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.api.TileKernel;

/**
 * One split-K projection of the layer, {@code acc[:, n] += in[:, k]·w[k, n]}, and the tasks that
 * compute its tiles ({@link Qwen3Kernels#projection}).
 *
 * <p>The layer submits some 250 projection tasks of seven projections, and each differs from the
 * next only in which tile it covers; the seven share three tilings. Naming the projection once
 * leaves each submit with just its tile, so the layer reads as the reference's stages.
 */
record Projection(TileKernel kernel, Tensor in, Tensor weight, Tensor acc, Tiling tiling) {

    /**
     * How a projection is cut: {@code kSplits} k-splits per n-tile, the computed tile edges, and the
     * reference's tile edges the sim times.
     */
    record Tiling(long kSplits, int nWidth, int kWidth, long realN, long realK) {}

    /** q, k, v and out_proj: 1024-wide k-splits of the hidden size, 512-wide n-tiles (reference). */
    static final Tiling HIDDEN_OUT = new Tiling(K_SPLITS, N_TILE, K_SPLIT, REAL_N_TILE, REAL_K_SPLIT);

    /** gate and up: k-splits of the hidden size, 1024-wide n-tiles of the intermediate size. */
    static final Tiling MLP_IN = new Tiling(K_SPLITS, I_TILE, K_SPLIT, REAL_I_TILE, REAL_K_SPLIT);

    /** down: k-splits of the intermediate size, n-tiles of the hidden size. */
    static final Tiling MLP_DOWN = new Tiling(I_TILES, K_SPLIT, I_TILE, REAL_K_SPLIT, REAL_I_TILE);

    /**
     * The task for tiles from {@code base}: with {@code fixedK = -1} block {@code i} covers tile
     * {@code base + i} (n-tile {@code t / kSplits}, k-split {@code t % kSplits}); with a fixed k-split
     * it covers n-tile {@code base + i} of that split. One block unless the caller sets more.
     */
    TaskSpec tiles(long base, long fixedK) {
        return TaskSpec.aic(kernel)
                .input(in, weight)
                .accumulate(acc)
                .scalar(
                        base,
                        tiling.kSplits(),
                        fixedK,
                        tiling.nWidth(),
                        tiling.kWidth(),
                        tiling.realN(),
                        tiling.realK());
    }

    /** Every tile from {@code base} on, the k-split from each block's tile index. */
    TaskSpec tiles(long base) {
        return tiles(base, -1);
    }
}
