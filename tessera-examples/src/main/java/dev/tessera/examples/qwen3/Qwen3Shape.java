package dev.tessera.examples.qwen3;

/**
 * The sizes of {@code qwen3-decode}: the reference's tile counts (workloads.md A.6) with every tile
 * shrunk, so the task graph is the reference's while the numbers stay small enough to compute and
 * check in Java. {@code REAL_*} are the reference's sizes (Qwen3-14B, batch 16, decode position 3500);
 * the kernels report the work of those, so the sim times the real layer whatever the computed size.
 */
final class Qwen3Shape {
    private Qwen3Shape() {}

    // ---- computed sizes ----
    static final int BATCH = 16;
    static final int HEADS = 40;
    static final int KV_HEADS = 8;
    /** q heads per KV head (grouped-query attention). */
    static final int GROUP = HEADS / KV_HEADS;

    static final int HEAD_DIM = 8;
    static final int HIDDEN = HEADS * HEAD_DIM; // 320
    static final int KV_HIDDEN = KV_HEADS * HEAD_DIM; // 64
    /** Context length: the current token sits at position CONTEXT − 1. */
    static final int CONTEXT = 64;

    static final int PAGE = 16;

    // ---- tile counts (the reference's) and computed tile edges ----
    /** Hidden columns per k-split and per residual / dcr chunk: 5 of them (reference 1024). */
    static final int K_SPLIT = 64;

    static final int K_SPLITS = HIDDEN / K_SPLIT; // 5
    /** q/k/v/out projection n-tile (reference 512): 10 for q and out, 2 for k and v. */
    static final int N_TILE = 32;

    static final int Q_TILES = HIDDEN / N_TILE; // 10
    static final int KV_TILES = KV_HIDDEN / N_TILE; // 2
    /** Intermediate (MLP) columns per n-tile and per down k-split (reference 1024): 17 of them. */
    static final int I_TILE = 64;

    static final int I_TILES = 17;
    static final int INTERMEDIATE = I_TILES * I_TILE; // 1088
    /** gate/up n-tiles done by the SPMD tasks; the rest are single tasks. */
    static final int GATE_SPMD_TILES = 6;
    /** out_proj tiles (n-tile × k-split) submitted one task each; the rest go to out_proj_0. */
    static final int OUT_DIRECT = 26;

    static final int OUT_TILES = Q_TILES * K_SPLITS; // 50
    static final int ATTENTION_BLOCKS = 24;

    static final double EPS = 1e-6;
    static final double ROPE_THETA = 1e4;

    // ---- the reference's sizes, for the work the sim times ----
    static final long REAL_HIDDEN = 5120;
    static final long REAL_KV_HIDDEN = 1024;
    static final long REAL_HEAD_DIM = 128;
    static final long REAL_K_SPLIT = 1024;
    static final long REAL_N_TILE = 512;
    static final long REAL_I_TILE = 1024;
    static final long REAL_INTERMEDIATE = 17408;
    static final long REAL_CONTEXT = 3500;
    static final long BF16 = 2;
    static final long FP32 = 4;
}
