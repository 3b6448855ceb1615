package dev.tessera.examples.attention;

import dev.tessera.api.DType;
import dev.tessera.api.Orchestration;
import dev.tessera.api.Orchestrator;
import dev.tessera.api.OutputSpec;
import dev.tessera.api.Scope;
import dev.tessera.api.ScopeMode;
import dev.tessera.api.Submitted;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;

/**
 * The four paged-attention task graphs (workloads.md A.1–A.3), written the way the reference's
 * orchestrations are: per batch the orchestration reads the context length from its tensor, per
 * (batch, q-tile) a scope holds the three accumulators from {@code allocTensors}, and the KV
 * blocks (or groups of them) follow, each with QK on AIC → softmax on AIV → PV on AIC → online
 * update on AIV.
 *
 * @param query    {@code [batch·heads, D]} bf16
 * @param keys     {@code [pool·N, D]} bf16 (the K cache, 2-D)
 * @param values   {@code [pool·N, D]} bf16
 * @param table    {@code [batch, width]} int32 block table
 * @param contexts {@code [batch]} int32 context lengths
 * @param out      {@code [batch·heads, D]} fp32
 */
record AttentionOrchestrations(
        AttentionShape shape,
        AttentionKernels.Set kernels,
        Tensor query,
        Tensor keys,
        Tensor values,
        Tensor table,
        Tensor contexts,
        Tensor out) {

    Orchestration orchestration() {
        return orch -> {
            int m = shape.qTile();
            int d = shape.headDim();
            for (int b = 0; b < shape.batch(); b++) {
                int ctx = (int) orch.readElement(contexts, b);
                for (int qi = 0; qi < shape.qLoop(); qi++) {
                    long[] tile = {m, d};
                    long[] at = {(long) b * shape.heads() + (long) qi * m, 0};
                    Tensor q = query.view(tile, at);
                    Tensor o = out.view(tile, at);
                    ScopeMode mode = shape.variant().manualScopes() ? ScopeMode.MANUAL : ScopeMode.AUTO;
                    try (Scope scope = orch.scope(mode)) {
                        // oi, li, mi: a hidden task that is complete when submit returns.
                        Tensor[] acc = orch.allocTensors(
                                OutputSpec.of(DType.FP32, m, d),
                                OutputSpec.of(DType.FP32, m),
                                OutputSpec.of(DType.FP32, m));
                        Accumulators a = new Accumulators(acc[0], acc[1], acc[2], o);
                        if (shape.variant().unrolled()) {
                            groups(orch, b, ctx, q, a);
                        } else {
                            blocks(orch, b, ctx, q, a);
                        }
                    }
                }
            }
        };
    }

    /** The running (oi, li, mi) of one (batch, q-tile), its output rows, and the last update's id. */
    private static final class Accumulators {
        final Tensor oi;
        final Tensor li;
        final Tensor mi;
        final Tensor out;
        long lastUpdate = -1;

        Accumulators(Tensor oi, Tensor li, Tensor mi, Tensor out) {
            this.oi = oi;
            this.li = li;
            this.mi = mi;
            this.out = out;
        }
    }

    /** Baseline and manual: one KV block per task quadruple. */
    private void blocks(Orchestrator orch, int b, int ctx, Tensor q, Accumulators a) {
        int m = shape.qTile();
        int n = shape.blockSize();
        int d = shape.headDim();
        int blocks = ceilDiv(ctx, n);
        boolean manual = shape.variant().manualScopes();
        for (int j = 0; j < blocks; j++) {
            // The baseline gives every block its own nested scope; a MANUAL scope takes no nested AUTO one.
            try (Scope block = manual ? null : orch.scope()) {
                int blk = (int) orch.readElement(table, b, j);
                int valid = Math.min(n, ctx - j * n);
                long[] kv = {n, d};
                long[] rows = {(long) blk * n, 0};
                Tensor kj = keys.view(kv, rows);
                Tensor vj = values.view(kv, rows);
                Submitted qk =
                        orch.submit(TaskSpec.aic(kernels.qk()).input(q, kj).output(DType.FP32, m, n));
                Tensor sValid = qk.output(0).view(new long[] {m, valid}, new long[] {0, 0});
                TaskSpec sfSpec = TaskSpec.aiv(kernels.softmax())
                        .input(sValid)
                        .output(
                                OutputSpec.of(DType.BF16, m, n),
                                OutputSpec.of(DType.FP32, m),
                                OutputSpec.of(DType.FP32, m))
                        .scalarFloat(shape.scale());
                Submitted sf = orch.submit(manual ? sfSpec.dependsOn(qk.taskId()) : sfSpec);
                TaskSpec pvSpec =
                        TaskSpec.aic(kernels.pv()).input(sf.output(0), vj).output(DType.FP32, m, d);
                Submitted pv = orch.submit(manual ? pvSpec.dependsOn(sf.taskId()) : pvSpec);
                update(orch, a, sf.output(1), sf.output(2), pv, j == 0, j == blocks - 1, manual);
            }
        }
    }

    /** Unroll and unroll-manual: up to {@code group} KV blocks per task quadruple, gathered by the kernels. */
    private void groups(Orchestrator orch, int b, int ctx, Tensor q, Accumulators a) {
        int m = shape.qTile();
        int n = shape.blockSize();
        int d = shape.headDim();
        int blocks = ceilDiv(ctx, n);
        boolean manual = shape.variant().manualScopes();
        for (int j0 = 0; j0 < blocks; j0 += shape.group()) {
            int g = Math.min(shape.group(), blocks - j0);
            int validLast = Math.min(n, ctx - (j0 + g - 1) * n);
            long offset = (long) b * shape.tableWidth() + j0;
            Submitted qk = orch.submit(TaskSpec.aic(kernels.qk())
                    .input(q, keys, table)
                    .output(DType.FP32, (long) g * m, n)
                    .scalar(g, offset));
            TaskSpec sfSpec = TaskSpec.aiv(kernels.softmax())
                    .input(qk.output(0))
                    .output(
                            OutputSpec.of(DType.BF16, (long) g * m, n),
                            OutputSpec.of(DType.FP32, m),
                            OutputSpec.of(DType.FP32, m))
                    .scalarFloat(shape.scale())
                    .scalar(g, validLast);
            Submitted sf = orch.submit(manual ? sfSpec.dependsOn(qk.taskId()) : sfSpec);
            TaskSpec pvSpec = TaskSpec.aic(kernels.pv())
                    .input(sf.output(0), values, table)
                    .output(DType.FP32, m, d)
                    .scalar(g, offset);
            Submitted pv = orch.submit(manual ? pvSpec.dependsOn(sf.taskId()) : pvSpec);
            update(orch, a, sf.output(1), sf.output(2), pv, j0 == 0, j0 + g >= blocks, manual);
        }
    }

    /**
     * UP: merges (mij, lij, oi_new) into the accumulators. In MANUAL scopes its edges are declared:
     * on PV, on the previous UP, and on the last one also on the alloc task, which keeps the
     * accumulators alive until their last reader (a pure lifetime edge, as in the reference).
     */
    private void update(
            Orchestrator orch,
            Accumulators a,
            Tensor mij,
            Tensor lij,
            Submitted pv,
            boolean first,
            boolean last,
            boolean manual) {
        // The unrolled variants track out only through its creator (the reference's manual_dep view).
        Tensor out = shape.variant().unrolled() ? a.out.withManualDep(true) : a.out;
        TaskSpec up = TaskSpec.aiv(kernels.update())
                .input(mij, lij, pv.output(0))
                .inout(a.mi, a.li, a.oi, out)
                .scalar(first ? 1 : 0, last ? 1 : 0);
        if (manual) {
            up.dependsOn(pv.taskId());
            if (a.lastUpdate >= 0) up.dependsOn(a.lastUpdate);
            if (last) up.dependsOn(a.oi.ownerTaskId());
        }
        a.lastUpdate = orch.submit(up).taskId();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
