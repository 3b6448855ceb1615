package dev.tessera.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.ErrorLatch;
import dev.tessera.errors.ErrorCode;
import dev.tessera.errors.TesseraException;
import dev.tessera.platform.IdleActor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The stop-the-world barrier wakes whoever it makes wait, instead of leaving them to notice at the
 * end of a park: stopping wakes every other scheduler (they must reach their safe point), the last
 * arrival wakes the requester, and resuming wakes everyone held. Actors here count their wake-ups.
 */
class StopTheWorldTest {
    /** An actor that backs off briefly and counts the wake-ups it gets. */
    private static final class CountingActor extends IdleActor {
        final AtomicInteger wakes = new AtomicInteger();

        @Override
        public long now() {
            return System.nanoTime();
        }

        @Override
        public void idle(int round) {
            Thread.yield();
        }

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }

    private static CountingActor[] actors(int n) {
        CountingActor[] a = new CountingActor[n];
        for (int i = 0; i < n; i++) a[i] = new CountingActor();
        return a;
    }

    @Test
    void stopWakesTheOthersTheLastArrivalWakesTheRequesterAndResumeWakesThoseHeld() throws InterruptedException {
        CountingActor[] a = actors(3);
        StopTheWorld world = new StopTheWorld(a, new ErrorLatch());
        AtomicBoolean stopped = new AtomicBoolean();
        Thread requester = Thread.ofPlatform().start(() -> stopped.set(world.stop(0, a[0])));
        await(world::requested);
        await(() -> a[1].wakes.get() == 1 && a[2].wakes.get() == 1);
        assertEquals(0, a[0].wakes.get(), "nobody has arrived yet");

        Thread[] held = new Thread[3];
        for (int s = 1; s < 3; s++) {
            int id = s;
            held[s] = Thread.ofPlatform().start(() -> world.safePoint(id, a[id]));
        }
        requester.join(10_000);
        assertTrue(stopped.get(), "stop returns once both others are at their safe points");
        assertEquals(1, a[0].wakes.get(), "the last arrival woke the requester");
        assertTrue(held[1].isAlive() && held[2].isAlive(), "held until resume");

        world.resume();
        for (int s = 1; s < 3; s++) {
            held[s].join(10_000);
            assertFalse(held[s].isAlive(), "scheduler " + s + " left its safe point");
            assertEquals(2, a[s].wakes.get(), "resume woke scheduler " + s);
        }
        assertEquals(1, a[0].wakes.get(), "resume wakes nobody else");
        assertFalse(world.requested());
    }

    @Test
    void aStopAbandonedForAnErrorStillWakesThoseAlreadyHeld() throws InterruptedException {
        CountingActor[] a = actors(3);
        ErrorLatch errors = new ErrorLatch();
        StopTheWorld world = new StopTheWorld(a, errors);
        AtomicBoolean stopped = new AtomicBoolean(true);
        Thread requester = Thread.ofPlatform().start(() -> stopped.set(world.stop(0, a[0])));
        await(world::requested);
        errors.set(new TesseraException(ErrorCode.KERNEL_FAILED, "test", null));
        requester.join(10_000);
        assertFalse(stopped.get(), "an error ends the wait without a stop");
        assertFalse(world.requested());
        assertEquals(2, a[1].wakes.get(), "woken by the stop, then by its abandonment");
    }

    /**
     * Mutual exclusion, directly: three schedulers loop "safe point, work, try to stop the world".
     * Whenever one holds the world, the other two must be inside their safe point; and a resumed
     * scheduler can take part in the very next stop (the epoch moved, the counters were cleared).
     */
    @Test
    void whileOneSchedulerHoldsTheWorldEveryOtherOneIsAtItsSafePoint() throws InterruptedException {
        int n = 3;
        CountingActor[] a = actors(n);
        ErrorLatch end = new ErrorLatch();
        StopTheWorld world = new StopTheWorld(a, end);
        AtomicInteger working = new AtomicInteger(n);
        AtomicInteger stops = new AtomicInteger();
        AtomicInteger violations = new AtomicInteger();
        Thread[] threads = new Thread[n];
        for (int s = 0; s < n; s++) {
            int id = s;
            threads[s] = Thread.ofPlatform().start(() -> {
                while (!end.isSet()) {
                    working.decrementAndGet();
                    world.safePoint(id, a[id]);
                    working.incrementAndGet();
                    if (world.stop(id, a[id])) {
                        // The latch that ends the test also releases every safe point, so once it is
                        // set the others may be back at work while this one still holds the world.
                        // Reading the counter first makes an unset latch prove it was unset then too.
                        if (working.get() != 1 && !end.isSet()) violations.incrementAndGet();
                        stops.incrementAndGet();
                        world.resume();
                    }
                }
            });
        }
        await(() -> stops.get() >= 300);
        end.set(new TesseraException(ErrorCode.KERNEL_FAILED, "test over", null));
        for (Thread t : threads) {
            t.join(10_000);
            assertFalse(t.isAlive(), "the error latch releases every wait");
        }
        assertEquals(0, violations.get(), "a scheduler worked while another held the world");
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not reached in 10 s");
            Thread.onSpinWait();
        }
    }
}
