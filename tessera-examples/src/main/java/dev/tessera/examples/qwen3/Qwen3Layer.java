package dev.tessera.examples.qwen3;

import static dev.tessera.examples.qwen3.Qwen3Shape.*;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestrator;
import dev.tessera.api.OutputSpec;
import dev.tessera.api.Scope;
import dev.tessera.api.ScopeMode;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.api.TileKernel;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Submits the reference's per-layer graph (workloads.md A.6, {@code decode_fwd_layers.cpp}): two
 * alloc tasks, then a MANUAL scope whose every edge is declared — seeds, the split-K projections,
 * the 24-block sync-start attention, out_proj as 26 single tasks plus a 24-block task, the five
 * residual casts, the 10 phase fences of the MLP, gate/up as 10 six-block tasks plus 110 single
 * ones, 17 silu and 85 down_proj — and after it, in the layer's AUTO scope, {@code dcr_xgamma}.
 * 279 tasks per layer (the two allocs included); the 15 early-resolve hints sit where the
 * reference's code generator put them.
 */
final class Qwen3Layer {
    static final TileKernel Q_PROJ = Qwen3Kernels.projection("qwen3_q_proj");
    static final TileKernel K_PROJ = Qwen3Kernels.projection("qwen3_k_proj");
    static final TileKernel V_PROJ = Qwen3Kernels.projection("qwen3_v_proj");
    static final TileKernel OUT_PROJ = Qwen3Kernels.projection("qwen3_out_proj");
    static final TileKernel GATE_PROJ = Qwen3Kernels.projection("qwen3_gate_proj");
    static final TileKernel UP_PROJ = Qwen3Kernels.projection("qwen3_up_proj");
    static final TileKernel DOWN_PROJ = Qwen3Kernels.projection("qwen3_down_proj");
    static final Kernel ATTN_OUT_SEED = Qwen3Kernels.seed("qwen3_attn_out_seed");
    static final Kernel Q_SEED = Qwen3Kernels.seed("qwen3_q_seed");
    static final Kernel KV_SEED = Qwen3Kernels.seed("qwen3_kv_seed");
    static final Kernel MLP_OUT_SEED = Qwen3Kernels.seed("qwen3_mlp_out_seed");

    /** What stays fixed over the layers: weights, norms, RoPE tables, paging. */
    record Constants(
            Tensor wq,
            Tensor wk,
            Tensor wv,
            Tensor wo,
            Tensor wGate,
            Tensor wUp,
            Tensor wDown,
            Tensor inputGamma,
            Tensor postGamma,
            Tensor qNorm,
            Tensor kNorm,
            Tensor cos,
            Tensor sin,
            Tensor blockTable,
            Tensor contextLens) {}

    /** Prologue outputs every layer reads. */
    record Prologue(Tensor meta, Tensor workspace, long tilingTask) {}

    private Qwen3Layer() {}

    /**
     * One layer: reads {@code x} and {@code normed} (written by {@code previous}), writes {@code nextX}
     * and {@code nextNormed}; returns the id of its {@code dcr_xgamma}.
     */
    static long submit(
            Orchestrator orch,
            Constants c,
            Prologue pro,
            int attentionBlocks,
            Tensor kCache,
            Tensor vCache,
            Tensor x,
            Tensor normed,
            Tensor nextX,
            Tensor nextNormed,
            long previous) {
        try (Scope layer = orch.scope(ScopeMode.AUTO)) {
            Tensor[] a1 = orch.allocTensors(
                    OutputSpec.of(DType.FP32, BATCH),
                    OutputSpec.of(DType.FP32, BATCH, HIDDEN),
                    OutputSpec.of(DType.FP32, BATCH, KV_HIDDEN),
                    OutputSpec.of(DType.FP32, BATCH, KV_HIDDEN),
                    OutputSpec.of(DType.BF16, BATCH, HIDDEN),
                    OutputSpec.of(DType.FP32, BATCH, HIDDEN));
            Tensor invRms = a1[0], q = a1[1], k = a1[2], v = a1[3], attnOut = a1[4], h1 = a1[5];
            Tensor[] a2 = orch.allocTensors(
                    OutputSpec.of(DType.FP32, BATCH, HIDDEN),
                    OutputSpec.of(DType.FP32, BATCH, INTERMEDIATE),
                    OutputSpec.of(DType.FP32, BATCH, INTERMEDIATE),
                    OutputSpec.of(DType.FP32, BATCH, HIDDEN),
                    OutputSpec.of(DType.FP32, BATCH, K_SPLITS),
                    OutputSpec.of(DType.BF16, BATCH, HIDDEN),
                    OutputSpec.of(DType.FP32, BATCH),
                    OutputSpec.of(DType.BF16, BATCH, INTERMEDIATE));
            Tensor down = a2[0],
                    gate = a2[1],
                    up = a2[2],
                    attnProj = a2[3],
                    partial = a2[4],
                    mlpIn = a2[5],
                    invRms2 = a2[6],
                    mlp = a2[7];
            long[] downIds = new long[K_SPLITS * I_TILES];
            try (Scope manual = orch.scope(ScopeMode.MANUAL)) {
                long fence1 = orch.submit(TaskSpec.dummy().named("fence_1")).taskId();
                long attnOutSeed = orch.submit(
                                TaskSpec.aiv(ATTN_OUT_SEED).output(attnProj).earlyResolve())
                        .taskId();
                long rms = orch.submit(TaskSpec.aiv(Qwen3Kernels.RMS_RECIP)
                                .input(x)
                                .output(invRms)
                                .dependsOn(previous, fence1)
                                .earlyResolve())
                        .taskId();
                long qSeed = orch.submit(TaskSpec.aiv(Q_SEED).output(q).earlyResolve())
                        .taskId();
                long qProj = orch.submit(proj(
                                        Q_PROJ,
                                        normed,
                                        c.wq(),
                                        q,
                                        0,
                                        K_SPLITS,
                                        -1,
                                        N_TILE,
                                        K_SPLIT,
                                        REAL_N_TILE,
                                        REAL_K_SPLIT)
                                .blocks(Q_TILES * K_SPLITS)
                                .dependsOn(previous, qSeed)
                                .earlyResolve())
                        .taskId();
                long kvSeed = orch.submit(TaskSpec.aiv(KV_SEED).output(k, v).dependsOn(previous, fence1))
                        .taskId();
                long mlpOutSeed = orch.submit(TaskSpec.aiv(MLP_OUT_SEED)
                                .output(down, gate, up)
                                .dependsOn(previous, fence1)
                                .earlyResolve())
                        .taskId();
                long kProj = orch.submit(proj(
                                        K_PROJ,
                                        normed,
                                        c.wk(),
                                        k,
                                        0,
                                        K_SPLITS,
                                        -1,
                                        N_TILE,
                                        K_SPLIT,
                                        REAL_N_TILE,
                                        REAL_K_SPLIT)
                                .blocks(KV_TILES * K_SPLITS)
                                .dependsOn(kvSeed)
                                .earlyResolve())
                        .taskId();
                long vProj = orch.submit(proj(
                                        V_PROJ,
                                        normed,
                                        c.wv(),
                                        v,
                                        0,
                                        K_SPLITS,
                                        -1,
                                        N_TILE,
                                        K_SPLIT,
                                        REAL_N_TILE,
                                        REAL_K_SPLIT)
                                .blocks(KV_TILES * K_SPLITS)
                                .dependsOn(kvSeed)
                                .earlyResolve())
                        .taskId();
                long attention = orch.submit(attention(c, pro, kCache, vCache, q, k, v, invRms, attnOut, attnProj, down)
                                .syncStart(attentionBlocks)
                                .dependsOn(qProj, kProj, vProj, rms, pro.tilingTask(), attnOutSeed, mlpOutSeed)
                                .earlyResolve())
                        .taskId();

                long fence2 = orch.submit(TaskSpec.dummy().named("fence_2").dependsOn(attention))
                        .taskId();
                long[] outIds = new long[OUT_TILES];
                for (int t = 0; t < OUT_DIRECT; t++) {
                    outIds[t] = orch.submit(proj(
                                            OUT_PROJ,
                                            attnOut,
                                            c.wo(),
                                            attnProj,
                                            t,
                                            K_SPLITS,
                                            -1,
                                            N_TILE,
                                            K_SPLIT,
                                            REAL_N_TILE,
                                            REAL_K_SPLIT)
                                    .dependsOn(fence2))
                            .taskId();
                }
                long outSpmd = orch.submit(proj(
                                        OUT_PROJ,
                                        attnOut,
                                        c.wo(),
                                        attnProj,
                                        OUT_DIRECT,
                                        K_SPLITS,
                                        -1,
                                        N_TILE,
                                        K_SPLIT,
                                        REAL_N_TILE,
                                        REAL_K_SPLIT)
                                .named("qwen3_out_proj_0")
                                .blocks(OUT_TILES - OUT_DIRECT)
                                .dependsOn(attention))
                        .taskId();
                Arrays.fill(outIds, OUT_DIRECT, OUT_TILES, outSpmd);

                long[] casts = new long[K_SPLITS];
                for (int ch = 0; ch < K_SPLITS; ch++) {
                    // chunk ch of the hidden columns is n-tiles 2ch and 2ch+1, each summed over its 5 k-splits
                    long[] deps = Arrays.copyOfRange(outIds, 2 * ch * K_SPLITS, (2 * ch + 2) * K_SPLITS);
                    casts[ch] = orch.submit(TaskSpec.aiv(Qwen3Kernels.RESIDUAL_RMS_CAST)
                                    .inout(mlpIn, partial)
                                    .input(attnProj, x, c.postGamma())
                                    .output(h1)
                                    .scalar(ch)
                                    .dependsOn(unique(deps))
                                    .earlyResolve())
                            .taskId();
                }
                long postRms = orch.submit(TaskSpec.aiv(Qwen3Kernels.POST_RMS_REDUCE)
                                .input(attnProj, x)
                                .output(invRms2)
                                .dependsOn(unique(outIds)))
                        .taskId();

                long[] gateFence = new long[K_SPLITS];
                long[] upFence = new long[K_SPLITS];
                for (int ch = 0; ch < K_SPLITS; ch++) {
                    gateFence[ch] = orch.submit(
                                    TaskSpec.dummy().named("fence_gate_" + ch).dependsOn(casts[ch]))
                            .taskId();
                    upFence[ch] = orch.submit(
                                    TaskSpec.dummy().named("fence_up_" + ch).dependsOn(casts[ch]))
                            .taskId();
                }
                long[][] gateIds = new long[I_TILES][K_SPLITS];
                long[][] upIds = new long[I_TILES][K_SPLITS];
                for (int ch = 0; ch < K_SPLITS; ch++) {
                    long g = orch.submit(proj(
                                            GATE_PROJ,
                                            mlpIn,
                                            c.wGate(),
                                            gate,
                                            0,
                                            K_SPLITS,
                                            ch,
                                            I_TILE,
                                            K_SPLIT,
                                            REAL_I_TILE,
                                            REAL_K_SPLIT)
                                    .blocks(GATE_SPMD_TILES)
                                    .dependsOn(casts[ch]))
                            .taskId();
                    long u = orch.submit(proj(
                                            UP_PROJ,
                                            mlpIn,
                                            c.wUp(),
                                            up,
                                            0,
                                            K_SPLITS,
                                            ch,
                                            I_TILE,
                                            K_SPLIT,
                                            REAL_I_TILE,
                                            REAL_K_SPLIT)
                                    .blocks(GATE_SPMD_TILES)
                                    .dependsOn(casts[ch]))
                            .taskId();
                    for (int n = 0; n < GATE_SPMD_TILES; n++) {
                        gateIds[n][ch] = g;
                        upIds[n][ch] = u;
                    }
                }
                for (int n = GATE_SPMD_TILES; n < I_TILES; n++) {
                    for (int ch = 0; ch < K_SPLITS; ch++) {
                        gateIds[n][ch] = orch.submit(proj(
                                                GATE_PROJ,
                                                mlpIn,
                                                c.wGate(),
                                                gate,
                                                n,
                                                K_SPLITS,
                                                ch,
                                                I_TILE,
                                                K_SPLIT,
                                                REAL_I_TILE,
                                                REAL_K_SPLIT)
                                        .dependsOn(gateFence[ch]))
                                .taskId();
                        upIds[n][ch] = orch.submit(proj(
                                                UP_PROJ,
                                                mlpIn,
                                                c.wUp(),
                                                up,
                                                n,
                                                K_SPLITS,
                                                ch,
                                                I_TILE,
                                                K_SPLIT,
                                                REAL_I_TILE,
                                                REAL_K_SPLIT)
                                        .dependsOn(upFence[ch]))
                                .taskId();
                    }
                }
                long[] silu = new long[I_TILES];
                for (int n = 0; n < I_TILES; n++) {
                    long[] deps = new long[1 + 2 * K_SPLITS];
                    deps[0] = postRms;
                    System.arraycopy(gateIds[n], 0, deps, 1, K_SPLITS);
                    System.arraycopy(upIds[n], 0, deps, 1 + K_SPLITS, K_SPLITS);
                    silu[n] = orch.submit(TaskSpec.aiv(Qwen3Kernels.SILU)
                                    .input(invRms2)
                                    .inout(mlp)
                                    .input(gate, up)
                                    .scalar(n)
                                    .dependsOn(unique(deps)))
                            .taskId();
                }
                for (int n = 0; n < K_SPLITS; n++) {
                    for (int kk = 0; kk < I_TILES; kk++) {
                        downIds[n * I_TILES + kk] = orch.submit(proj(
                                                DOWN_PROJ,
                                                mlp,
                                                c.wDown(),
                                                down,
                                                n,
                                                I_TILES,
                                                kk,
                                                K_SPLIT,
                                                I_TILE,
                                                REAL_K_SPLIT,
                                                REAL_I_TILE)
                                        .dependsOn(silu[kk])
                                        .earlyResolve())
                                .taskId();
                    }
                }
            }
            // AUTO: dcr_xgamma also waits for its tensors' creators (the allocs), which keeps them alive until it is
            // done
            return orch.submit(TaskSpec.aiv(Qwen3Kernels.DCR_XGAMMA)
                            .input(down, h1, c.inputGamma())
                            .output(nextX, nextNormed)
                            .blocks(K_SPLITS)
                            .dependsOn(downIds)
                            .earlyResolve())
                    .taskId();
        }
    }

    private static TaskSpec proj(
            TileKernel k,
            Tensor in,
            Tensor w,
            Tensor acc,
            long base,
            long kSplits,
            long fixedK,
            int nw,
            int kw,
            long realN,
            long realK) {
        return TaskSpec.aic(k).input(in, w).accumulate(acc).scalar(base, kSplits, fixedK, nw, kw, realN, realK);
    }

    private static TaskSpec attention(
            Constants c,
            Prologue pro,
            Tensor kCache,
            Tensor vCache,
            Tensor q,
            Tensor k,
            Tensor v,
            Tensor invRms,
            Tensor attnOut,
            Tensor attnProj,
            Tensor down) {
        Tensor[] args = new Tensor[Qwen3Kernels.ATTENTION_TENSORS];
        args[Qwen3Kernels.A_Q] = q;
        args[Qwen3Kernels.A_K] = k;
        args[Qwen3Kernels.A_V] = v;
        args[Qwen3Kernels.A_INV_RMS] = invRms;
        args[Qwen3Kernels.A_Q_NORM] = c.qNorm();
        args[Qwen3Kernels.A_K_NORM] = c.kNorm();
        args[Qwen3Kernels.A_COS] = c.cos();
        args[Qwen3Kernels.A_SIN] = c.sin();
        TaskSpec t = TaskSpec.mix(
                        Qwen3Kernels.ATTENTION_CUBE, Qwen3Kernels.ATTENTION_VECTOR, Qwen3Kernels.ATTENTION_VECTOR)
                .named("qwen3_attention");
        t.input(Arrays.copyOf(args, Qwen3Kernels.A_K_CACHE));
        t.inout(kCache, vCache)
                .input(c.blockTable(), pro.meta())
                .output(attnOut)
                .inout(pro.workspace())
                .noDep(attnProj, down)
                .input(c.contextLens());
        return t;
    }

    private static long[] unique(long[] ids) {
        Set<Long> s = new LinkedHashSet<>();
        for (long id : ids) s.add(id);
        return s.stream().mapToLong(Long::longValue).toArray();
    }
}
