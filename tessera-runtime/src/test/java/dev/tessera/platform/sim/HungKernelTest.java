package dev.tessera.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.errors.ErrorCode;
import dev.tessera.errors.ExecutionException;
import dev.tessera.topology.Topology;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On sim a kernel runs inline on the actor holding the baton, so a kernel that never returns used
 * to stop the simulation for ever: no clock moved, so neither coreTimeout nor the simulated-time
 * limit could fire. A real-time watchdog now ends the run with CORE_TIMEOUT naming the task, block
 * and core, and says whether the kernel could be stopped.
 */
// A separate thread: should the watchdog regress, the run's join does not answer an interrupt.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HungKernelTest {
    private static final Topology TOPO = Topology.custom(2, 1);
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private static Runtime runtime() {
        return Runtime.builder()
                .topology(TOPO)
                .platform(new SimPlatform(CostModel.a2a3()))
                .coreTimeout(TIMEOUT)
                .build();
    }

    @Test
    void aKernelThatNeverReturnsEndsTheRunWithCoreTimeoutAndIsInterrupted() {
        AtomicBoolean interrupted = new AtomicBoolean();
        Kernel sleeper = Kernel.of("sleeper", ctx -> {
            if (ctx.blockIdx() != 2) return;
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
            }
        });
        try (Runtime rt = runtime()) {
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> rt.run(
                            orch -> orch.submit(TaskSpec.aiv(sleeper).blocks(4).named("stuck"))));
            assertEquals(ErrorCode.CORE_TIMEOUT, e.code());
            String m = e.getMessage();
            for (String f :
                    new String[] {"'sleeper'", "'stuck'", "block 2 of 4", "on core AIV", "300 ms", "has stopped"}) {
                assertTrue(m.contains(f), "mentions " + f + ": " + m);
            }
            assertTrue(interrupted.get(), "the kernel was interrupted");
            // the runtime stays usable
            AtomicInteger ran = new AtomicInteger();
            rt.run(orch -> orch.submit(TaskSpec.aiv(Kernel.of("fine", ctx -> ran.incrementAndGet()))
                    .blocks(4)));
            assertEquals(4, ran.get());
        }
    }

    /**
     * A kernel that ignores interrupts cannot be stopped in Java: the run still ends at the timeout,
     * and the error says the thread keeps running it. The test lets it go at the end.
     */
    @Test
    void aKernelThatIgnoresInterruptsEndsTheRunAndKeepsItsThread() throws InterruptedException {
        AtomicBoolean release = new AtomicBoolean();
        AtomicReference<Thread> spinner = new AtomicReference<>();
        CountDownLatch left = new CountDownLatch(1);
        Kernel spin = Kernel.of("spin", ctx -> {
            spinner.set(Thread.currentThread());
            while (!release.get()) Thread.onSpinWait(); // deaf to interrupts
            left.countDown();
        });
        try (Runtime rt = runtime()) {
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> rt.run(orch -> orch.submit(TaskSpec.aic(spin).named("deaf"))));
            assertEquals(ErrorCode.CORE_TIMEOUT, e.code());
            assertTrue(
                    e.getMessage().contains("'deaf'")
                            && e.getMessage().contains("ignores interrupts")
                            && e.getMessage().contains("keeps running"),
                    e.getMessage());
            assertTrue(spinner.get().isAlive(), "Java cannot stop it: its thread is still running the kernel");
        } finally {
            release.set(true);
        }
        assertTrue(left.await(10, java.util.concurrent.TimeUnit.SECONDS), "the kernel returns once released");
        spinner.get().join(10_000);
        assertTrue(!spinner.get().isAlive(), "and its thread then unwinds instead of simulating on");
    }

    /** Slow kernels below the timeout are not hung: the watchdog only counts one kernel call at a time. */
    @Test
    void manyShortKernelsLongerThanTheTimeoutInTotalAreFine() {
        AtomicInteger ran = new AtomicInteger();
        Kernel nap = Kernel.of("nap", ctx -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            ran.incrementAndGet();
        });
        try (Runtime rt = runtime()) {
            rt.run(orch -> orch.submit(TaskSpec.aiv(nap).blocks(30)));
        }
        assertEquals(30, ran.get());
    }

    @Test
    void theWatchdogReportsOnlyACallThatOutlivesTheTimeout() throws InterruptedException {
        AtomicReference<KernelWatchdog.Hung> seen = new AtomicReference<>();
        CountDownLatch fired = new CountDownLatch(1);
        KernelWatchdog w = new KernelWatchdog(Duration.ofMillis(50).toNanos(), h -> {
            seen.set(h);
            fired.countDown();
        });
        w.start();
        try {
            w.kernelStarted(7, null);
            w.kernelEnded(); // a finished call is never reported, however long the run
            Thread.sleep(150);
            assertEquals(1, fired.getCount());
            w.kernelStarted(5, null);
            assertTrue(fired.await(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(5, seen.get().core());
            assertTrue(seen.get().ranNs() >= Duration.ofMillis(50).toNanos());
        } finally {
            w.stop();
        }
        assertInstanceOf(KernelWatchdog.Hung.class, seen.get());
    }
}
