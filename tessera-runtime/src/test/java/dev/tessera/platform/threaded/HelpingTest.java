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
import dev.tessera.errors.ExecutionException;
import dev.tessera.platform.IdleStrategy;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Pooled cores whose only worker never works, so every kernel runs on a helping scheduler or the
 * orchestrator: helping alone must run a whole program, and a hung kernel on a helper (which then
 * cannot watch its own cores) must still fail the run with CORE_TIMEOUT and leave no thread behind.
 */
class HelpingTest {
    private static final Topology ONE_SCHEDULER = Topology.custom(2, 1);

    /** The pool's one worker thread (the first thread a session makes) runs nothing. */
    private static ThreadFactory idleWorker() {
        AtomicInteger made = new AtomicInteger();
        return body -> made.getAndIncrement() == 0
                ? Thread.ofPlatform().unstarted(() -> {})
                : Thread.ofPlatform().unstarted(body);
    }

    private static Runtime helpersOnly(Duration coreTimeout) {
        return Runtime.builder()
                .topology(ONE_SCHEDULER)
                .coreTimeout(coreTimeout)
                .platform(new ThreadedPlatform(IdleStrategy.DEFAULT, CoreExecutor.pooled(1), idleWorker()))
                .build();
    }

    @Test
    void helpersAloneRunEveryBlockOnce() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int n = 300;
            InvariantChecker checker = new InvariantChecker();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            try (Arena arena = Arena.ofShared();
                    Runtime rt = Runtime.builder()
                            .topology(ONE_SCHEDULER)
                            .observer(checker)
                            .platform(new ThreadedPlatform(IdleStrategy.DEFAULT, CoreExecutor.pooled(1), idleWorker()))
                            .build()) {
                Tensor hits = Tensor.allocate(arena, DType.INT32, n);
                Kernel touch = Kernel.of("touch", ctx -> {
                    threads.add(Thread.currentThread().getName());
                    Tensor t = ctx.tensor(0);
                    t.set(t.get(0) + 1, 0);
                });
                RunResult r = rt.run(orch -> {
                    for (int i = 0; i < n; i++) {
                        TaskSpec s = i % 3 == 0 ? TaskSpec.aic(touch) : TaskSpec.aiv(touch);
                        orch.submit(s.output(hits.slice(0, i, i + 1)).blocks(1));
                    }
                });
                assertEquals(n, r.tasks());
                checker.assertValid(rt.topology());
                assertEquals(n, checker.executions());
                for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "task " + i);
            }
            assertTrue(Set.of("tessera-sched-0", "tessera-orch").containsAll(threads), "kernels ran on " + threads);
            assertNoTesseraThreads();
        });
    }

    @Test
    void hungKernelOnAHelpingSchedulerFailsWithCoreTimeout() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            CountDownLatch never = new CountDownLatch(1);
            try (Arena arena = Arena.ofShared();
                    Runtime rt = helpersOnly(Duration.ofMillis(300))) {
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
                        () -> rt.run(orch -> orch.submit(
                                TaskSpec.aiv(hang).inout(out).blocks(1).named("stuck"))));
                assertEquals(ErrorCode.CORE_TIMEOUT, e.code());
                String m = e.getMessage();
                assertTrue(
                        m.contains("'stuck'")
                                && m.contains("block 0")
                                && m.contains("core AIV")
                                && m.contains("cannot be stopped in Java"),
                        m);
            }
            assertNoTesseraThreads();
        });
    }

    /**
     * Blocks of one task must not wait for each other: here each of 8 blocks waits until all 8
     * have started, which the pool's three threads (one worker, the scheduler and the orchestrator
     * helping) can never do. The run must fail with CORE_TIMEOUT instead of hanging.
     */
    @Test
    void blocksThatWaitForEachOtherFailWithCoreTimeout() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            AtomicInteger arrived = new AtomicInteger();
            try (Arena arena = Arena.ofShared();
                    Runtime rt = Runtime.builder()
                            .topology(Topology.custom(4, 1))
                            .coreTimeout(Duration.ofMillis(400))
                            .coreExecutor(CoreExecutor.pooled(1))
                            .build()) {
                Tensor out = Tensor.allocate(arena, DType.FP32, 64);
                Kernel barrier = Kernel.of("barrier", ctx -> {
                    arrived.incrementAndGet();
                    while (arrived.get() < ctx.blockNum()) {
                        if (Thread.currentThread().isInterrupted()) return;
                        Thread.onSpinWait();
                    }
                });
                ExecutionException e = assertThrows(
                        ExecutionException.class,
                        () -> rt.run(orch -> orch.submit(
                                TaskSpec.aiv(barrier).inout(out).blocks(8).named("waits"))));
                assertEquals(ErrorCode.CORE_TIMEOUT, e.code());
                assertTrue(e.getMessage().contains("'waits'"), e.getMessage());
            }
            assertTrue(arrived.get() < 8, "all blocks started together on one pool worker: " + arrived.get());
            assertNoTesseraThreads();
        });
    }
}
