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
import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The machine refuses a thread in the middle of starting a run (as {@code ulimit -v} with a big
 * {@code -Xss} makes it do, issue 11): the run fails with PLATFORM_FAILED, the threads it had
 * already started are stopped, and the next run works.
 */
class ThreadStartFailureTest {
    /** A thread the OS will not start. */
    static final class Unstartable extends Thread {
        Unstartable(Runnable body) {
            super(body);
        }

        @Override
        public void start() {
            throw new OutOfMemoryError(
                    "unable to create native thread: possibly out of memory or process/resource limits reached");
        }
    }

    /** Makes threads normally, except the {@code failAt}-th (counting from 1) of the first run. */
    private static ThreadFactory failingOnce(int failAt) {
        AtomicInteger made = new AtomicInteger();
        return body -> made.incrementAndGet() == failAt
                ? new Unstartable(body)
                : Thread.ofPlatform().unstarted(body);
    }

    /**
     * Dedicated on 2 clusters: 6 core threads, then 2 schedulers and the orchestrator. Pooled with
     * 2 workers: 2 workers, then the runtime threads.
     */
    @ParameterizedTest(name = "{0}, thread {1} fails")
    @CsvSource({"dedicated, 1", "dedicated, 4", "dedicated, 8", "pooled:2, 2", "pooled:2, 4", "pooled:2, 5"})
    void aThreadThatCannotStartFailsTheRunAndStopsTheOthers(String executor, int failAt) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Topology topology = Topology.custom(2, 2);
            try (Arena arena = Arena.ofShared();
                    Runtime rt = Runtime.builder()
                            .topology(topology)
                            .platform(new ThreadedPlatform(
                                    IdleStrategy.DEFAULT, CoreExecutor.parse(executor), failingOnce(failAt)))
                            .build()) {
                Tensor out = Tensor.allocate(arena, DType.FP32, 64);
                Kernel k = Kernel.of("fill", ctx -> ctx.tensor(0).setFloat(ctx.blockIdx(), 1));
                ExecutionException e = assertThrows(
                        ExecutionException.class,
                        () -> rt.run(
                                orch -> orch.submit(TaskSpec.aiv(k).inout(out).blocks(8))));
                assertEquals(ErrorCode.PLATFORM_FAILED, e.code());
                assertTrue(
                        e.getMessage().contains("could not start thread tessera-")
                                && e.getMessage().contains("unable to create native thread")
                                && e.getMessage().contains("--cores pooled"),
                        e.getMessage());
                assertNoTesseraThreads();

                RunResult again =
                        rt.run(orch -> orch.submit(TaskSpec.aiv(k).inout(out).blocks(8)));
                assertEquals(8, again.blocks());
            }
            assertNoTesseraThreads();
        });
    }
}
