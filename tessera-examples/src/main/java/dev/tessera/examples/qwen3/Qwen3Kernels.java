package dev.tessera.examples.qwen3;

import static dev.tessera.examples.qwen3.Qwen3Shape.*;

import dev.tessera.api.KernelContext;
import dev.tessera.api.KernelWork;
import dev.tessera.api.Tensor;
import dev.tessera.api.TileKernel;
import dev.tessera.examples.tile.Bf16;
import dev.tessera.examples.tile.Matmul;
import dev.tessera.examples.tile.TileIo;

/**
 * The kernels of {@code qwen3-decode}. Each computes its part of one decode layer at the example's
 * shrunken sizes ({@link Qwen3Shape}) and reports the work of the same block at the reference's real
 * sizes, so the sim's work rules time the real layer: a projection block moves its bf16 weight tile
 * (1 MiB for a 1024 × 512 tile), which is what bounds a memory-bound decode step.
 *
 * <p>Split-K projections accumulate with atomic adds ({@code TaskSpec.accumulate}); the attention
 * block handles whole (batch, KV head) pairs, so its 24 blocks never wait for each other.
 */
final class Qwen3Kernels {
    private Qwen3Kernels() {}

    private static final long REAL_BATCH = BATCH;

    // ---- seeds and small vector kernels ------------------------------------------------------------

    /** Zeroes every tensor it gets (a seed of split-K accumulators). */
    static TileKernel seed(String name) {
        return TileKernel.of(
                name,
                ctx -> {
                    for (int i = 0; i < ctx.tensorCount(); i++) ctx.tensor(i).fill(0);
                },
                ctx -> {
                    long bytes = 0;
                    for (int i = 0; i < ctx.tensorCount(); i++) bytes += realElements(ctx.tensor(i)) * FP32;
                    return new KernelWork(0, bytes / FP32, bytes);
                });
    }

    /** Elements a computed tensor stands for at the real sizes: its columns become the real hidden, KV or MLP width. */
    private static long realElements(Tensor t) {
        long cols = t.shape(t.ndims() - 1);
        long rows = t.numel() / cols;
        long real = cols == HIDDEN
                ? REAL_HIDDEN
                : cols == KV_HIDDEN ? REAL_KV_HIDDEN : cols == INTERMEDIATE ? REAL_INTERMEDIATE : cols;
        return rows * real;
    }

    /** {@code pa_tiling}: writes the attention's tiling metadata (context length, pages per sequence). */
    static final TileKernel TILING = TileKernel.of(
            "qwen3_pa_tiling",
            ctx -> {
                Tensor meta = ctx.tensor(0);
                meta.set(CONTEXT, 0);
                meta.set(CONTEXT / PAGE, 1);
            },
            ctx -> new KernelWork(0, 64, 64));

    /** {@code copy_hidden}: tensors in, out (fp32 [B, H]). */
    static final TileKernel COPY_HIDDEN = TileKernel.of(
            "qwen3_copy_hidden",
            ctx -> {
                float[] x = new float[BATCH * HIDDEN];
                TileIo.load(ctx.tensor(0), x);
                TileIo.store(x, ctx.tensor(1));
            },
            ctx -> new KernelWork(0, REAL_BATCH * REAL_HIDDEN, 2 * REAL_BATCH * REAL_HIDDEN * FP32));

    /** {@code copy_out}: tensors x (fp32), out (bf16). */
    static final TileKernel COPY_OUT = TileKernel.of(
            "qwen3_copy_out",
            ctx -> {
                float[] x = new float[BATCH * HIDDEN];
                TileIo.load(ctx.tensor(0), x);
                TileIo.store(x, ctx.tensor(1));
            },
            ctx -> new KernelWork(0, REAL_BATCH * REAL_HIDDEN, REAL_BATCH * REAL_HIDDEN * (FP32 + BF16)));

    /** {@code rms_recip}: tensors x [B, H], invRms [B]: {@code 1/sqrt(mean(x²) + eps)} per row. */
    static final TileKernel RMS_RECIP = TileKernel.of(
            "qwen3_rms_recip",
            ctx -> {
                Tensor x = ctx.tensor(0);
                Tensor inv = ctx.tensor(1);
                for (int b = 0; b < BATCH; b++) {
                    double ss = 0;
                    for (int c = 0; c < HIDDEN; c++) {
                        double v = x.getFloat(x.elementOffset(b, c));
                        ss += v * v;
                    }
                    inv.set((float) (1 / Math.sqrt(ss / HIDDEN + EPS)), b);
                }
            },
            ctx -> new KernelWork(0, 3 * REAL_BATCH * REAL_HIDDEN, REAL_BATCH * REAL_HIDDEN * FP32));

    /**
     * {@code x_gamma0} and the tail of {@code dcr_xgamma} share this: one block per 64-column chunk.
     * {@code x_gamma}: tensors x, gamma [H], normed (bf16): {@code normed = bf16(x·gamma)}.
     */
    static final TileKernel X_GAMMA = TileKernel.of(
            "qwen3_x_gamma",
            ctx -> {
                int c0 = ctx.blockIdx() * K_SPLIT;
                scaleCast(ctx.tensor(0), ctx.tensor(1), ctx.tensor(2), c0);
            },
            ctx -> new KernelWork(0, 2 * REAL_BATCH * REAL_K_SPLIT, REAL_BATCH * REAL_K_SPLIT * (FP32 + BF16)));

    /**
     * {@code dcr_xgamma}: tensors down [B, H], h1 [B, H], gamma [H], nextX [B, H] (fp32), nextNormed
     * (bf16); one block per chunk: {@code nextX = down + h1}, {@code nextNormed = bf16(nextX·gamma)}.
     */
    static final TileKernel DCR_XGAMMA = TileKernel.of(
            "qwen3_dcr_xgamma",
            ctx -> {
                Tensor down = ctx.tensor(0), h1 = ctx.tensor(1), next = ctx.tensor(3);
                int c0 = ctx.blockIdx() * K_SPLIT;
                for (int b = 0; b < BATCH; b++) {
                    for (int c = c0; c < c0 + K_SPLIT; c++) {
                        next.setFloat(
                                next.elementOffset(b, c),
                                down.getFloat(down.elementOffset(b, c)) + h1.getFloat(h1.elementOffset(b, c)));
                    }
                }
                scaleCast(next, ctx.tensor(2), ctx.tensor(4), c0);
            },
            ctx -> new KernelWork(0, 3 * REAL_BATCH * REAL_K_SPLIT, REAL_BATCH * REAL_K_SPLIT * (3 * FP32 + BF16)));

    private static void scaleCast(Tensor x, Tensor gamma, Tensor out, int c0) {
        for (int b = 0; b < BATCH; b++) {
            for (int c = c0; c < c0 + K_SPLIT; c++) {
                out.set(x.getFloat(x.elementOffset(b, c)) * gamma.getFloat(gamma.elementOffset(c)), b, c);
            }
        }
    }

    /**
     * {@code residual_rms_cast}: tensors mlpNormIn (bf16 [B, H]), partial [B, 5], attnProj, x, postGamma,
     * h1 (fp32 [B, H]); scalar: chunk. For the chunk's columns: {@code h1 = x + attnProj},
     * {@code mlpNormIn = bf16(h1·postGamma)}, {@code partial[b][chunk] = Σ h1²}.
     */
    static final TileKernel RESIDUAL_RMS_CAST = TileKernel.of(
            "qwen3_residual_rms_cast",
            ctx -> {
                Tensor mlpIn = ctx.tensor(0),
                        partial = ctx.tensor(1),
                        proj = ctx.tensor(2),
                        x = ctx.tensor(3),
                        gamma = ctx.tensor(4),
                        h1 = ctx.tensor(5);
                int chunk = (int) ctx.scalar(0);
                int c0 = chunk * K_SPLIT;
                for (int b = 0; b < BATCH; b++) {
                    double ss = 0;
                    for (int c = c0; c < c0 + K_SPLIT; c++) {
                        float h = x.getFloat(x.elementOffset(b, c)) + proj.getFloat(proj.elementOffset(b, c));
                        h1.setFloat(h1.elementOffset(b, c), h);
                        mlpIn.set(h * gamma.getFloat(gamma.elementOffset(c)), b, c);
                        ss += (double) h * h;
                    }
                    partial.setFloat(partial.elementOffset(b, chunk), (float) ss);
                }
            },
            ctx -> new KernelWork(0, 5 * REAL_BATCH * REAL_K_SPLIT, REAL_BATCH * REAL_K_SPLIT * (4 * FP32 + BF16)));

    /**
     * {@code post_rms_reduce}: tensors attnProj, x (fp32 [B, H]), invRms2 [B]: {@code 1/sqrt(mean(h1²) + eps)}
     * with {@code h1 = x + attnProj}. Like the reference's it recomputes h1 from the out_proj sums
     * (it waits for the 50 out_proj tiles, not for the residual casts, whose partial sums it so never reads).
     */
    static final TileKernel POST_RMS_REDUCE = TileKernel.of(
            "qwen3_post_rms_reduce",
            ctx -> {
                Tensor proj = ctx.tensor(0), x = ctx.tensor(1), inv = ctx.tensor(2);
                for (int b = 0; b < BATCH; b++) {
                    double ss = 0;
                    for (int c = 0; c < HIDDEN; c++) {
                        float h = x.getFloat(x.elementOffset(b, c)) + proj.getFloat(proj.elementOffset(b, c));
                        ss += (double) h * h;
                    }
                    inv.set((float) (1 / Math.sqrt(ss / HIDDEN + EPS)), b);
                }
            },
            ctx -> new KernelWork(0, 3 * REAL_BATCH * REAL_HIDDEN, 2 * REAL_BATCH * REAL_HIDDEN * FP32));

    /**
     * {@code silu}: tensors invRms2 [B], mlp (bf16 [B, I]), gate, up (fp32 [B, I]); scalar: n-tile.
     * {@code mlp = bf16(silu(gate·r)·(up·r))} with {@code r = invRms2[b]}.
     */
    static final TileKernel SILU = TileKernel.of(
            "qwen3_silu",
            ctx -> {
                Tensor inv = ctx.tensor(0), mlp = ctx.tensor(1), gate = ctx.tensor(2), up = ctx.tensor(3);
                int c0 = (int) ctx.scalar(0) * I_TILE;
                for (int b = 0; b < BATCH; b++) {
                    float r = inv.getFloat(inv.elementOffset(b));
                    for (int c = c0; c < c0 + I_TILE; c++) {
                        float g = gate.getFloat(gate.elementOffset(b, c)) * r;
                        float u = up.getFloat(up.elementOffset(b, c)) * r;
                        mlp.set(g / (1 + (float) Math.exp(-g)) * u, b, c);
                    }
                }
            },
            ctx -> new KernelWork(0, 8 * REAL_BATCH * REAL_I_TILE, REAL_BATCH * REAL_I_TILE * (2 * FP32 + BF16)));

    // ---- split-K projections (AIC) --------------------------------------------------------------------

    /**
     * A split-K projection: tensors in (bf16 [B, K]), w (bf16 [K, N]), acc (fp32 [B, N], accumulated);
     * scalars: tile base, k-splits, fixed k (−1: from the tile), n width, k width, real n width, real k width.
     * Tile {@code t = base + blockIdx} covers n-tile {@code t / kSplits} and k-split {@code t % kSplits};
     * with a fixed k, block {@code i} covers n-tile {@code base + i} of that k-split.
     * {@code acc[:, n] += in[:, k]·w[k, n]}.
     */
    static TileKernel projection(String name) {
        return TileKernel.of(name, Qwen3Kernels::project, ctx -> {
            long realN = ctx.scalar(5);
            long realK = ctx.scalar(6);
            return new KernelWork(
                    REAL_BATCH * realN * realK,
                    0,
                    realK * realN * BF16 + REAL_BATCH * realK * BF16 + 2 * REAL_BATCH * realN * FP32);
        });
    }

    private static void project(KernelContext ctx) {
        long base = ctx.scalar(0);
        long kSplits = ctx.scalar(1);
        long fixedK = ctx.scalar(2);
        int nw = (int) ctx.scalar(3);
        int kw = (int) ctx.scalar(4);
        long n;
        long k;
        if (fixedK >= 0) {
            n = base + ctx.blockIdx();
            k = fixedK;
        } else {
            long t = base + ctx.blockIdx();
            n = t / kSplits;
            k = t % kSplits;
        }
        Tensor in = ctx.tensor(0).view(new long[] {BATCH, kw}, new long[] {0, k * kw});
        Tensor w = ctx.tensor(1).view(new long[] {kw, nw}, new long[] {k * kw, n * nw});
        Tensor acc = ctx.tensor(2).view(new long[] {BATCH, nw}, new long[] {0, n * nw});
        float[] a = new float[BATCH * kw];
        float[] b = new float[kw * nw];
        float[] c = new float[BATCH * nw];
        TileIo.load(in, a);
        TileIo.load(w, b);
        Matmul.multiply(a, b, c, BATCH, kw, nw, false);
        TileIo.atomicAdd(c, acc);
    }

    // ---- attention (MIX, sync-start) ------------------------------------------------------------------

    /**
     * Tensor positions of the attention task's 17 arguments: as many as the reference's fused attention
     * takes (which exceeded 827's limit of 16); the list itself is ours — the reference's includes CANN
     * tiling and workspace buffers — with the two seeded accumulators passed untracked, as explicit edges order them.
     */
    static final int A_Q = 0,
            A_K = 1,
            A_V = 2,
            A_INV_RMS = 3,
            A_Q_NORM = 4,
            A_K_NORM = 5,
            A_COS = 6,
            A_SIN = 7,
            A_K_CACHE = 8,
            A_V_CACHE = 9,
            A_BLOCK_TABLE = 10,
            A_META = 11,
            A_OUT = 12,
            A_WORKSPACE = 13,
            A_ATTN_SEED = 14,
            A_MLP_SEED = 15,
            A_CONTEXT_LENS = 16,
            ATTENTION_TENSORS = 17;

    /**
     * The cube part of {@code paged_attention_rope_cce} does the whole computation of its block: every
     * (batch, KV head) pair {@code p ≡ blockIdx (mod blockNum)}. Per pair: k and v of the current token
     * (scaled by the row's inverse RMS; k RMS-normed per head and rotated) are written into the pair's
     * page at position {@code context − 1}; then for each of its 5 q heads (normed, rotated), a full
     * softmax over the context, {@code attnOut = bf16(Σ p·v / Σ p)}. A pair's cache write and reads
     * are in one block, so no block waits for another.
     */
    static final TileKernel ATTENTION_CUBE = TileKernel.of("qwen3_attention", Qwen3Kernels::attend, ctx -> {
        long pairs = pairsOf(ctx);
        long macs = pairs * GROUP * REAL_CONTEXT * REAL_HEAD_DIM * 2;
        long bytes = pairs * (2 * REAL_CONTEXT * REAL_HEAD_DIM * BF16 + GROUP * REAL_HEAD_DIM * (FP32 + BF16));
        return new KernelWork(macs, 0, bytes);
    });

    /** The vector part: norms, RoPE and the softmax; its work only (the cube kernel computes the block). */
    static final TileKernel ATTENTION_VECTOR = TileKernel.of("qwen3_attention_vec", ctx -> {}, ctx -> {
        long pairs = pairsOf(ctx);
        // per lane: half the pairs' softmax over the context (max, subtract, exp, sum, scale) and norms
        long ops = pairs * GROUP * REAL_CONTEXT * 5 / 2 + pairs * (GROUP + 1) * REAL_HEAD_DIM * 8;
        return new KernelWork(0, ops, pairs * GROUP * REAL_CONTEXT * FP32 / 2);
    });

    private static long pairsOf(KernelContext ctx) {
        int total = BATCH * KV_HEADS;
        int pairs = (total - ctx.blockIdx() + ctx.blockNum() - 1) / ctx.blockNum(); // small: batch × KV heads
        return pairs;
    }

    private static void attend(KernelContext ctx) {
        Tensor q = ctx.tensor(A_Q), k = ctx.tensor(A_K), v = ctx.tensor(A_V), inv = ctx.tensor(A_INV_RMS);
        Tensor kCache = ctx.tensor(A_K_CACHE), vCache = ctx.tensor(A_V_CACHE), table = ctx.tensor(A_BLOCK_TABLE);
        Tensor out = ctx.tensor(A_OUT);
        int context = (int) ctx.tensor(A_META).get(0);
        int pos = context - 1;
        float[] qn = floats(ctx.tensor(A_Q_NORM)), kn = floats(ctx.tensor(A_K_NORM));
        float[] cos = floats(ctx.tensor(A_COS)), sin = floats(ctx.tensor(A_SIN));
        float scale = (float) (1 / Math.sqrt(HEAD_DIM));
        float[] row = new float[HEAD_DIM];
        float[] s = new float[context];
        float[] o = new float[HEAD_DIM];
        for (int p = ctx.blockIdx(); p < BATCH * KV_HEADS; p += ctx.blockNum()) {
            int b = p / KV_HEADS;
            int g = p % KV_HEADS;
            float r = inv.getFloat(inv.elementOffset(b));
            // the current token's K and V into its page
            long page = (long) table.get(b, pos / PAGE);
            for (int d = 0; d < HEAD_DIM; d++) row[d] = k.getFloat(k.elementOffset(b, g * HEAD_DIM + d)) * r;
            normRotate(row, kn, cos, sin);
            for (int d = 0; d < HEAD_DIM; d++) {
                kCache.set(row[d], page, pos % PAGE, g * HEAD_DIM + d);
                vCache.set(v.getFloat(v.elementOffset(b, g * HEAD_DIM + d)) * r, page, pos % PAGE, g * HEAD_DIM + d);
            }
            for (int j = 0; j < GROUP; j++) {
                int h = g * GROUP + j;
                for (int d = 0; d < HEAD_DIM; d++) row[d] = q.getFloat(q.elementOffset(b, h * HEAD_DIM + d)) * r;
                normRotate(row, qn, cos, sin);
                float max = Float.NEGATIVE_INFINITY;
                for (int t = 0; t < context; t++) {
                    long pg = (long) table.get(b, t / PAGE);
                    float dot = 0;
                    for (int d = 0; d < HEAD_DIM; d++)
                        dot += row[d] * (float) kCache.get(pg, t % PAGE, g * HEAD_DIM + d);
                    s[t] = dot * scale;
                    max = Math.max(max, s[t]);
                }
                float sum = 0;
                java.util.Arrays.fill(o, 0);
                for (int t = 0; t < context; t++) {
                    float e = (float) Math.exp(s[t] - max);
                    sum += e;
                    long pg = (long) table.get(b, t / PAGE);
                    for (int d = 0; d < HEAD_DIM; d++) o[d] += e * (float) vCache.get(pg, t % PAGE, g * HEAD_DIM + d);
                }
                for (int d = 0; d < HEAD_DIM; d++) out.set(o[d] / sum, b, h * HEAD_DIM + d);
            }
        }
    }

    /** Per-head RMS norm with weights {@code w}, then half-rotation RoPE with {@code cos}, {@code sin}. */
    static void normRotate(float[] x, float[] w, float[] cos, float[] sin) {
        double ss = 0;
        for (float v : x) ss += (double) v * v;
        float inv = (float) (1 / Math.sqrt(ss / x.length + EPS));
        for (int d = 0; d < x.length; d++) x[d] = x[d] * inv * w[d];
        int half = x.length / 2;
        for (int i = 0; i < half; i++) {
            float a = x[i], b = x[i + half];
            x[i] = a * cos[i] - b * sin[i];
            x[i + half] = b * cos[i] + a * sin[i];
        }
    }

    private static float[] floats(Tensor t) {
        float[] f = new float[Math.toIntExact(t.numel())];
        TileIo.load(t, f);
        return f;
    }

    static float bf16(double v) {
        return Bf16.round((float) v);
    }
}
