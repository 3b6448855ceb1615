package dev.tessera.platform.threaded;

import static dev.tessera.platform.threaded.FaultTest.assertNoTesseraThreads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.errors.ErrorCode;
import dev.tessera.errors.InvalidArgumentsException;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Choosing pooled or dedicated cores, and what each does with very large topologies. */
class CoreExecutorTest {
    @Test
    void parsesEveryForm() {
        assertEquals(CoreExecutor.pooled(), CoreExecutor.parse("pooled"));
        assertEquals(CoreExecutor.pooled(3), CoreExecutor.parse(" Pooled:3 "));
        assertEquals(CoreExecutor.dedicated(), CoreExecutor.parse("DEDICATED"));
        assertEquals(CoreExecutor.auto(), CoreExecutor.parse("auto"));
        for (String bad : new String[] {"", "pool", "pooled:0", "pooled:-1", "pooled:x", "dedicated:2"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> CoreExecutor.parse(bad), bad);
            assertTrue(e.getMessage().contains("use pooled, pooled:N"), e.getMessage());
        }
        assertEquals("pooled:3", CoreExecutor.pooled(3).toString());
    }

    @Test
    void autoIsPooledWheneverTheRunsThreadsOutnumberTheCpus() {
        String saved = System.getProperty(CoreExecutor.PROPERTY);
        System.clearProperty(CoreExecutor.PROPERTY);
        try {
            Topology a2a3 = Topology.a2a3(); // 72 cores + 3 schedulers + 1 orchestrator
            assertEquals(CoreExecutor.pooled(2), CoreExecutor.auto().resolve(a2a3, 2));
            assertEquals(CoreExecutor.pooled(75), CoreExecutor.auto().resolve(a2a3, 75));
            assertEquals(CoreExecutor.dedicated(), CoreExecutor.auto().resolve(a2a3, 76));
            assertEquals(CoreExecutor.pooled(16), CoreExecutor.pooled().resolve(a2a3, 16));
            assertEquals(CoreExecutor.dedicated(), CoreExecutor.dedicated().resolve(a2a3, 2));

            System.setProperty(CoreExecutor.PROPERTY, "dedicated");
            assertEquals(CoreExecutor.dedicated(), CoreExecutor.auto().resolve(a2a3, 2));
            assertEquals(CoreExecutor.pooled(4), CoreExecutor.pooled(4).resolve(a2a3, 2), "an explicit choice wins");
            System.setProperty(CoreExecutor.PROPERTY, "pooled:3");
            assertEquals(CoreExecutor.pooled(3), CoreExecutor.auto().resolve(a2a3, 128));
        } finally {
            if (saved == null) System.clearProperty(CoreExecutor.PROPERTY);
            else System.setProperty(CoreExecutor.PROPERTY, saved);
        }
    }

    @Test
    void dedicatedCoresAreRefusedAboveTheThreadLimitBeforeAnyThreadStarts() {
        Topology huge = Topology.custom(2_000, 1); // 6002 threads
        try (Runtime rt = Runtime.builder()
                .topology(huge)
                .coreExecutor(CoreExecutor.dedicated())
                .build()) {
            InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> rt.run(orch -> {}));
            assertEquals(ErrorCode.INVALID_ARGS, e.code());
            assertTrue(e.getMessage().contains("6002 threads") && e.getMessage().contains("pooled"), e.getMessage());
        }
    }

    @Test
    void pooledCoresRunAHugeTopologyOnAFewThreads() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            Topology huge = Topology.custom(20_000, 1); // 60 000 cores
            Set<String> threads = ConcurrentHashMap.newKeySet();
            try (Arena arena = Arena.ofShared();
                    Runtime rt = Runtime.builder()
                            .topology(huge)
                            .coreExecutor(CoreExecutor.pooled(2))
                            .build()) {
                Tensor out = Tensor.allocate(arena, DType.FP32, 64);
                Kernel k = Kernel.of("count", ctx -> {
                    for (Thread t : Thread.getAllStackTraces().keySet())
                        if (t.getName().startsWith("tessera-")) threads.add(t.getName());
                    ctx.tensor(0).setFloat(ctx.blockIdx(), 1);
                });
                RunResult r =
                        rt.run(orch -> orch.submit(TaskSpec.aiv(k).inout(out).blocks(64)));
                assertEquals(64, r.blocks());
                for (int i = 0; i < 64; i++) assertEquals(1.0, out.get(i));
            }
            // 2 pool workers, 1 scheduler, the orchestrator
            assertTrue(threads.size() <= 4, threads.toString());
            assertNoTesseraThreads();
        });
    }
}
