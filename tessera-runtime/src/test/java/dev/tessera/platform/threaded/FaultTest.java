package dev.tessera.platform.threaded;

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
import dev.tessera.errors.ExecutionException;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A failing or hanging kernel ends the run with a clear error, never a hang, and leaks no thread. */
class FaultTest {
    private static final Topology SMALL = Topology.custom(4, 2);

    @Test
    void throwingKernelFailsTheRunNamingTaskBlockSlotAndCore() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (Arena arena = Arena.ofShared();
                    Runtime rt = Runtime.builder().topology(SMALL).build()) {
                Tensor out = Tensor.allocate(arena, DType.FP32, 64);
                Kernel bad = Kernel.of("explode", ctx -> {
                    if (ctx.blockIdx() == 5) throw new IllegalStateException("boom in block 5");
                });
                ExecutionException e = assertThrows(
                        ExecutionException.class,
                        () -> rt.run(orch -> orch.submit(
                                TaskSpec.aiv(bad).inout(out).blocks(8).named("faulty"))));
                assertEquals(ErrorCode.KERNEL_FAILED, e.code());
                String m = e.getMessage();
                assertTrue(
                        m.contains("'explode'")
                                && m.contains("'faulty'")
                                && m.contains("block 5 of 8")
                                && m.contains("slot AIV0")
                                && m.contains("on core AIV")
                                && m.contains("boom in block 5"),
                        m);
                assertTrue(e.getCause() instanceof IllegalStateException);

                // the runtime is usable afterwards
                Kernel ok = Kernel.of("ok", ctx -> ctx.tensor(0).setFloat(ctx.blockIdx(), 1));
                RunResult r =
                        rt.run(orch -> orch.submit(TaskSpec.aiv(ok).inout(out).blocks(8)));
                assertEquals(8, r.blocks());
            }
            assertNoTesseraThreads();
        });
    }

    @Test
    void hangingKernelTripsTheCoreTimeout() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            CountDownLatch never = new CountDownLatch(1);
            try (Arena arena = Arena.ofShared();
                    Runtime rt = Runtime.builder()
                            .topology(SMALL)
                            .coreTimeout(Duration.ofMillis(300))
                            .build()) {
                Tensor out = Tensor.allocate(arena, DType.FP32, 64);
                Kernel hang = Kernel.of("hang", ctx -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                ExecutionException e = assertThrows(
                        ExecutionException.class,
                        () -> rt.run(orch ->
                                orch.submit(TaskSpec.aic(hang).inout(out).named("stuck"))));
                assertEquals(ErrorCode.CORE_TIMEOUT, e.code());
                assertTrue(e.getMessage().contains("'stuck'") && e.getMessage().contains("core AIC"), e.getMessage());
            }
            assertNoTesseraThreads();
        });
    }

    @Test
    void orchestrationThatSubmitsNothingFinishes() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (Runtime rt = Runtime.builder().topology(SMALL).build()) {
                RunResult r = rt.run(orch -> {});
                assertEquals(0, r.tasks());
            }
            assertNoTesseraThreads();
        });
    }

    static void assertNoTesseraThreads() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("tessera-")) t.join(5_000);
        }
        long alive = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("tessera-") && t.isAlive())
                .count();
        assertEquals(0, alive, "tessera threads still alive after the runtime closed");
    }
}
