package dev.tessera.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void spmdTasksRunEveryBlockOnce() {
        for (DispatchPolicy policy : new DispatchPolicy[] {DispatchPolicy.SERIAL, DispatchPolicy.PARALLEL}) {
            InvariantChecker checker = new InvariantChecker();
            try (Arena arena = Arena.ofShared();
                    Runtime rt = Runtime.builder()
                            .topology(Topology.a2a3())
                            .policy(policy)
                            .observer(checker)
                            .build()) {
                Tensor out = Tensor.allocate(arena, DType.FP32, 300 * 16);
                Kernel write = Kernel.of("write", ctx -> {
                    Tensor t = ctx.tensor(0);
                    t.setFloat((ctx.scalar(0) + ctx.blockIdx()) * 16, ctx.blockIdx());
                });
                RunResult r = rt.run(orch -> {
                    long base = 0;
                    for (int bn : new int[] {4, 16, 24, 48, 96}) {
                        orch.submit(TaskSpec.aiv(write).inout(out).scalar(base).blocks(bn));
                        base += bn;
                    }
                });
                assertEquals(5, r.tasks());
                assertEquals(188, r.blocks());
                checker.assertValid(rt.topology());
                long base = 0;
                for (int bn : new int[] {4, 16, 24, 48, 96}) {
                    for (int b = 0; b < bn; b++)
                        assertEquals(b, out.getFloat((base + b) * 16), "block " + b + " of task at " + base);
                    base += bn;
                }
            }
        }
    }
}
