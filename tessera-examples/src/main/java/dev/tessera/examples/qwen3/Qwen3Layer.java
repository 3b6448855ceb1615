package dev.tessera.examples.qwen3;

import static dev.tessera.examples.qwen3.Qwen3Shape.*;

import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestrator;
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

    private final Orchestrator orch;
    private final Constants c;
    private final Qwen3Activations a;
    /** The layer's input (the residual stream) and its normed bf16 copy, written by the previous layer. */
    private final Tensor x;

    private final Tensor normed;

    private Qwen3Layer(Orchestrator orch, Constants c, Qwen3Activations a, Tensor x, Tensor normed) {
        this.orch = orch;
        this.c = c;
        this.a = a;
        this.x = x;
        this.normed = normed;
    }

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
            Qwen3Layer l = new Qwen3Layer(orch, c, Qwen3Activations.allocate(orch), x, normed);
            long[] downIds;
            try (Scope manual = orch.scope(ScopeMode.MANUAL)) {
                long attention = l.attentionBlock(pro, attentionBlocks, kCache, vCache, previous);
                long[] outIds = l.outProj(attention);
                long[] casts = l.residualCasts(outIds);
                long postRms = l.postRms(outIds);
                long[] silu = l.silu(postRms, l.gateUp(casts));
                downIds = l.downProj(silu);
            }
            return l.dcrXgamma(downIds, nextX, nextNormed);
        }
    }

    // ---- the stages, in the reference's submit order ------------------------------------------------

    /** Seeds, input RMS, the q/k/v projections and the sync-start attention; returns the attention's id. */
    private long attentionBlock(Prologue pro, int attentionBlocks, Tensor kCache, Tensor vCache, long previous) {
        long fence1 = id(TaskSpec.dummy().named("fence_1"));
        long attnOutSeed = id(TaskSpec.aiv(ATTN_OUT_SEED).output(a.attnProj()).earlyResolve());
        long rms = id(TaskSpec.aiv(Qwen3Kernels.RMS_RECIP)
                .input(x)
                .output(a.invRms())
                .dependsOn(previous, fence1)
                .earlyResolve());
        long qSeed = id(TaskSpec.aiv(Q_SEED).output(a.q()).earlyResolve());
        long qProj = id(qkv(Q_PROJ, c.wq(), a.q())
                .blocks(Q_TILES * K_SPLITS)
                .dependsOn(previous, qSeed)
                .earlyResolve());
        long kvSeed = id(TaskSpec.aiv(KV_SEED).output(a.k(), a.v()).dependsOn(previous, fence1));
        long mlpOutSeed = id(TaskSpec.aiv(MLP_OUT_SEED)
                .output(a.down(), a.gate(), a.up())
                .dependsOn(previous, fence1)
                .earlyResolve());
        long kProj = id(qkv(K_PROJ, c.wk(), a.k())
                .blocks(KV_TILES * K_SPLITS)
                .dependsOn(kvSeed)
                .earlyResolve());
        long vProj = id(qkv(V_PROJ, c.wv(), a.v())
                .blocks(KV_TILES * K_SPLITS)
                .dependsOn(kvSeed)
                .earlyResolve());
        return id(attention(pro, kCache, vCache)
                .syncStart(attentionBlocks)
                .dependsOn(qProj, kProj, vProj, rms, pro.tilingTask(), attnOutSeed, mlpOutSeed)
                .earlyResolve());
    }

    private TaskSpec qkv(TileKernel kernel, Tensor weight, Tensor acc) {
        return new Projection(kernel, normed, weight, acc, Projection.HIDDEN_OUT).tiles(0);
    }

    /**
     * out_proj: {@code OUT_DIRECT} tiles as single tasks behind a fence, the rest as one SPMD task.
     * Returns the task of each of its {@code OUT_TILES} tiles.
     */
    private long[] outProj(long attention) {
        Projection out = new Projection(OUT_PROJ, a.attnOut(), c.wo(), a.attnProj(), Projection.HIDDEN_OUT);
        long fence2 = id(TaskSpec.dummy().named("fence_2").dependsOn(attention));
        long[] outIds = new long[OUT_TILES];
        for (int t = 0; t < OUT_DIRECT; t++) outIds[t] = id(out.tiles(t).dependsOn(fence2));
        long outSpmd = id(out.tiles(OUT_DIRECT)
                .named("qwen3_out_proj_0")
                .blocks(OUT_TILES - OUT_DIRECT)
                .dependsOn(attention));
        Arrays.fill(outIds, OUT_DIRECT, OUT_TILES, outSpmd);
        return outIds;
    }

    /** The residual add, RMS and bf16 cast of each hidden chunk, once its out_proj tiles are done. */
    private long[] residualCasts(long[] outIds) {
        long[] casts = new long[K_SPLITS];
        for (int ch = 0; ch < K_SPLITS; ch++) {
            // chunk ch of the hidden columns is n-tiles 2ch and 2ch+1, each summed over its 5 k-splits
            long[] deps = Arrays.copyOfRange(outIds, 2 * ch * K_SPLITS, (2 * ch + 2) * K_SPLITS);
            casts[ch] = id(TaskSpec.aiv(Qwen3Kernels.RESIDUAL_RMS_CAST)
                    .inout(a.mlpIn(), a.partial())
                    .input(a.attnProj(), x, c.postGamma())
                    .output(a.h1())
                    .scalar(ch)
                    .dependsOn(unique(deps))
                    .earlyResolve());
        }
        return casts;
    }

    private long postRms(long[] outIds) {
        return id(TaskSpec.aiv(Qwen3Kernels.POST_RMS_REDUCE)
                .input(a.attnProj(), x)
                .output(a.invRms2())
                .dependsOn(unique(outIds)));
    }

    /**
     * gate and up: per k-split chunk a phase fence each, one SPMD task each for the first
     * {@code GATE_SPMD_TILES} n-tiles, then single tasks behind the fences.
     */
    private GateUp gateUp(long[] casts) {
        Projection gate = new Projection(GATE_PROJ, a.mlpIn(), c.wGate(), a.gate(), Projection.MLP_IN);
        Projection up = new Projection(UP_PROJ, a.mlpIn(), c.wUp(), a.up(), Projection.MLP_IN);
        long[] gateFence = new long[K_SPLITS];
        long[] upFence = new long[K_SPLITS];
        for (int ch = 0; ch < K_SPLITS; ch++) {
            gateFence[ch] = id(TaskSpec.dummy().named("fence_gate_" + ch).dependsOn(casts[ch]));
            upFence[ch] = id(TaskSpec.dummy().named("fence_up_" + ch).dependsOn(casts[ch]));
        }
        long[][] gateIds = new long[I_TILES][K_SPLITS];
        long[][] upIds = new long[I_TILES][K_SPLITS];
        for (int ch = 0; ch < K_SPLITS; ch++) {
            long g = id(gate.tiles(0, ch).blocks(GATE_SPMD_TILES).dependsOn(casts[ch]));
            long u = id(up.tiles(0, ch).blocks(GATE_SPMD_TILES).dependsOn(casts[ch]));
            for (int n = 0; n < GATE_SPMD_TILES; n++) {
                gateIds[n][ch] = g;
                upIds[n][ch] = u;
            }
        }
        for (int n = GATE_SPMD_TILES; n < I_TILES; n++) {
            for (int ch = 0; ch < K_SPLITS; ch++) {
                gateIds[n][ch] = id(gate.tiles(n, ch).dependsOn(gateFence[ch]));
                upIds[n][ch] = id(up.tiles(n, ch).dependsOn(upFence[ch]));
            }
        }
        return new GateUp(gateIds, upIds);
    }

    /** The task of every (n-tile, k-split) of gate and of up: silu of an n-tile waits for all of them. */
    private record GateUp(long[][] gate, long[][] up) {}

    /** silu(gate)·up of each intermediate n-tile, once all its k-splits and the post-attention RMS are done. */
    private long[] silu(long postRms, GateUp gateUp) {
        long[] silu = new long[I_TILES];
        for (int n = 0; n < I_TILES; n++) {
            long[] deps = new long[1 + 2 * K_SPLITS];
            deps[0] = postRms;
            System.arraycopy(gateUp.gate()[n], 0, deps, 1, K_SPLITS);
            System.arraycopy(gateUp.up()[n], 0, deps, 1 + K_SPLITS, K_SPLITS);
            silu[n] = id(TaskSpec.aiv(Qwen3Kernels.SILU)
                    .input(a.invRms2())
                    .inout(a.mlp())
                    .input(a.gate(), a.up())
                    .scalar(n)
                    .dependsOn(unique(deps)));
        }
        return silu;
    }

    /** down_proj: one task per (hidden n-tile, intermediate k-split), each after its k-split's silu. */
    private long[] downProj(long[] silu) {
        Projection down = new Projection(DOWN_PROJ, a.mlp(), c.wDown(), a.down(), Projection.MLP_DOWN);
        long[] downIds = new long[K_SPLITS * I_TILES];
        for (int n = 0; n < K_SPLITS; n++) {
            for (int kk = 0; kk < I_TILES; kk++) {
                downIds[n * I_TILES + kk] =
                        id(down.tiles(n, kk).dependsOn(silu[kk]).earlyResolve());
            }
        }
        return downIds;
    }

    /**
     * The residual add and the next layer's input norm, in the layer's AUTO scope: it also waits for
     * its tensors' creators (the allocs), which keeps them alive until it is done.
     */
    private long dcrXgamma(long[] downIds, Tensor nextX, Tensor nextNormed) {
        return id(TaskSpec.aiv(Qwen3Kernels.DCR_XGAMMA)
                .input(a.down(), a.h1(), c.inputGamma())
                .output(nextX, nextNormed)
                .blocks(K_SPLITS)
                .dependsOn(downIds)
                .earlyResolve());
    }

    private long id(TaskSpec spec) {
        return orch.submit(spec).taskId();
    }

    private TaskSpec attention(Prologue pro, Tensor kCache, Tensor vCache) {
        Tensor[] args = new Tensor[Qwen3Kernels.ATTENTION_TENSORS];
        args[Qwen3Kernels.A_Q] = a.q();
        args[Qwen3Kernels.A_K] = a.k();
        args[Qwen3Kernels.A_V] = a.v();
        args[Qwen3Kernels.A_INV_RMS] = a.invRms();
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
                .output(a.attnOut())
                .inout(pro.workspace())
                .noDep(a.attnProj(), a.down())
                .input(c.contextLens());
        return t;
    }

    private static long[] unique(long[] ids) {
        Set<Long> s = new LinkedHashSet<>();
        for (long id : ids) s.add(id);
        return s.stream().mapToLong(Long::longValue).toArray();
    }
}
