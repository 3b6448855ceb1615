package dev.tessera.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.lang.foreign.Arena;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many independent tasks on very few cores: every core keeps a running and a pending dispatch, so
 * a pending dispatch that is overwritten before the core latched it loses a task (and the run
 * hangs). Every task must run exactly once.
 */
class EveryTaskRunsTest {
    /** Keeps the busy loop from being optimised away. */
    static volatile long sink;

    @ParameterizedTest
    @ValueSource(strings = {"serial", "parallel"})
    void independentTasksOnOneClusterAllRunOnce(String policyName) {
        DispatchPolicy policy = DispatchPolicy.parse(policyName);
        int n = 600;
        InvariantChecker checker = new InvariantChecker();
        try (Arena arena = Arena.ofShared();
                Runtime rt = Runtime.builder()
                        .topology(Topology.custom(1, 1))
                        .policy(policy)
                        .observer(checker)
                        .build()) {
            Tensor hits = Tensor.allocate(arena, DType.INT32, n);
            Kernel touch = Kernel.of("touch", ctx -> {
                Tensor t = ctx.tensor(0);
                long work = 0;
                for (int i = 0; i < 20_000; i++) work += (work ^ i) * 31; // keep the core busy for a moment
                sink = work;
                t.set(t.get(0) + 1, 0);
            });
            RunProbe p = RunProbe.run(rt, orch -> {
                for (int i = 0; i < n; i++) {
                    TaskSpec s = i % 3 == 0 ? TaskSpec.aic(touch) : TaskSpec.aiv(touch);
                    orch.submit(s.output(hits.slice(0, i, i + 1)));
                }
            });
            p.result();
            p.assertNothingLeaked();
            checker.assertValid(rt.topology());
            assertEquals(n, checker.executions());
            for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "task " + i);
        }
    }
}
