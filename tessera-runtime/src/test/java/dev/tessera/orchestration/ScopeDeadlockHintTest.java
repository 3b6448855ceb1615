package dev.tessera.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestration;
import dev.tessera.api.Runtime;
import dev.tessera.api.Scope;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.core.RunProbe;
import dev.tessera.errors.DeadlockException;
import dev.tessera.errors.ErrorCode;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A scope larger than its ring fails with SCOPE_DEADLOCK when it reaches window − 1 tasks, before
 * the runtime can know how many more the scope will submit. The hint used to name the next power
 * of two, which failed again for a larger scope (taskWindow(8), 20 tasks: 16 failed, 32 worked);
 * it now gives the rule that picks a size that fits, and for a flat orchestration says how to
 * get past window − 1 top-level tasks.
 */
@Timeout(60)
class ScopeDeadlockHintTest {
    private static final Kernel NOP = Kernel.of("nop", ctx -> {});

    private static Orchestration scopeOf(int tasks) {
        return orch -> {
            try (Scope s = orch.scope()) {
                for (int i = 0; i < tasks; i++) orch.submit(TaskSpec.aiv(NOP).named("t" + i));
            }
        };
    }

    private static DeadlockException fails(int window, Orchestration o) {
        try (Runtime rt = Runtime.builder()
                .topology(Topology.custom(2, 1))
                .taskWindow(window)
                .build()) {
            RunProbe p = RunProbe.run(rt, o);
            DeadlockException e = assertInstanceOf(DeadlockException.class, p.failure());
            assertEquals(ErrorCode.SCOPE_DEADLOCK, e.code());
            p.assertNothingLeaked();
            return e;
        }
    }

    private static void passes(int window, Orchestration o) {
        try (Runtime rt = Runtime.builder()
                .topology(Topology.custom(2, 1))
                .taskWindow(window)
                .build()) {
            RunProbe.run(rt, o).result();
        }
    }

    @Test
    void theHintGivesTheRuleThatPicksAWindowForTheWholeScope() {
        String m = fails(8, scopeOf(20)).getMessage();
        assertTrue(m.contains("taskWindow ≥ 16 if the scope submits at most 15 tasks in all"), m);
        assertTrue(m.contains("otherwise the next power of two above its task count"), m);
        assertTrue(m.contains("taskWindow(W) fits scopes of up to W − 1 tasks"), m);
        // the rule, applied: 20 tasks → 32; 16 does not fit 20, as the hint says
        fails(16, scopeOf(20));
        passes(32, scopeOf(20));
        passes(16, scopeOf(15));
    }

    /** A flat orchestration stops at window − 1 = 16,383 top-level tasks by default: the hint says how to go on. */
    @Test
    void aFlatOrchestrationIsToldToSubmitInScopes() {
        int tasks = 40;
        Orchestration flat = orch -> {
            for (int i = 0; i < tasks; i++) orch.submit(TaskSpec.aiv(NOP));
        };
        String m = fails(16, flat).getMessage();
        assertTrue(
                m.contains("ring 0")
                        && m.contains("flat orchestration submits at most taskWindow − 1 tasks")
                        && m.contains("orch.scope()"),
                m);
        try (Arena arena = Arena.ofShared()) {
            Tensor count = Tensor.allocate(arena, DType.INT32, 1);
            Kernel inc = Kernel.of("inc", ctx -> ctx.tensor(0).set(ctx.tensor(0).get(0) + 1, 0));
            passes(16, orch -> {
                for (int i = 0; i < tasks; i += 10) {
                    try (Scope s = orch.scope()) {
                        for (int j = 0; j < 10; j++)
                            orch.submit(TaskSpec.aiv(inc).inout(count));
                    }
                }
            });
            assertEquals(tasks, count.get(0));
        }
    }
}
