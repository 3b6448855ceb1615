package dev.tessera.examples.qwen3;

import static dev.tessera.examples.qwen3.Qwen3Shape.*;

import dev.tessera.api.DType;
import dev.tessera.api.Orchestrator;
import dev.tessera.api.OutputSpec;
import dev.tessera.api.Tensor;

/**
 * The tensors one layer computes between its input and its output, made by the layer's two alloc
 * tasks exactly as the reference's orchestration allocates them (the order fixes the heap layout).
 * The layer's MANUAL scope declares every edge on them by hand.
 */
record Qwen3Activations(
        Tensor invRms,
        Tensor q,
        Tensor k,
        Tensor v,
        Tensor attnOut,
        Tensor h1,
        Tensor down,
        Tensor gate,
        Tensor up,
        Tensor attnProj,
        Tensor partial,
        Tensor mlpIn,
        Tensor invRms2,
        Tensor mlp) {

    /** Submits the two alloc tasks (in the calling scope) and names what they made. */
    static Qwen3Activations allocate(Orchestrator orch) {
        Tensor[] a1 = orch.allocTensors(
                OutputSpec.of(DType.FP32, BATCH),
                OutputSpec.of(DType.FP32, BATCH, HIDDEN),
                OutputSpec.of(DType.FP32, BATCH, KV_HIDDEN),
                OutputSpec.of(DType.FP32, BATCH, KV_HIDDEN),
                OutputSpec.of(DType.BF16, BATCH, HIDDEN),
                OutputSpec.of(DType.FP32, BATCH, HIDDEN));
        Tensor[] a2 = orch.allocTensors(
                OutputSpec.of(DType.FP32, BATCH, HIDDEN),
                OutputSpec.of(DType.FP32, BATCH, INTERMEDIATE),
                OutputSpec.of(DType.FP32, BATCH, INTERMEDIATE),
                OutputSpec.of(DType.FP32, BATCH, HIDDEN),
                OutputSpec.of(DType.FP32, BATCH, K_SPLITS),
                OutputSpec.of(DType.BF16, BATCH, HIDDEN),
                OutputSpec.of(DType.FP32, BATCH),
                OutputSpec.of(DType.BF16, BATCH, INTERMEDIATE));
        return new Qwen3Activations(
                a1[0], a1[1], a1[2], a1[3], a1[4], a1[5], a2[0], a2[1], a2[2], a2[3], a2[4], a2[5], a2[6], a2[7]);
    }
}
