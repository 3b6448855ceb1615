package dev.tessera.platform.sim;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * The one platform thread that runs every actor of a session, as the scheduler of their virtual
 * threads. Only the baton holder ever has work to do, so one carrier is all a session can use; on
 * the JDK's shared scheduler each hand-off instead queues the next actor for whichever of its
 * carriers (one per CPU) is free, and on a busy machine often has to wake a parked one through the
 * OS: measured at 3–5 µs of CPU per hand-off against about 0.3 µs here, where a hand-off is the
 * holder's continuation yielding and the next one's resuming on the same thread.
 *
 * <p>The JDK has no public way to give virtual threads a scheduler, only a constructor it keeps
 * for its own tests; it is reachable when the JVM opens {@code java.base/java.lang} to this code
 * ({@code --add-opens java.base/java.lang=ALL-UNNAMED}, which the launcher, the CLI jar's manifest
 * and the tests pass). Without it {@link #available()} is false and the session uses the shared
 * scheduler: the same simulation, since which actor runs is decided by the baton, not by threads.
 *
 * <p>When the watchdog gives up on a kernel that hangs on this carrier, {@link #rescue()} adds a
 * second thread so that the other actors can still unwind.
 */
final class SimCarrier implements Executor {
    private static final Constructor<?> BUILDER = builderConstructor();

    private final String name;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Loop> loops = new ArrayList<>();
    /** {@link #loops} for {@link #execute}, which runs on every hand-off: copied on write, under the lock. */
    private volatile Loop[] loopsSnapshot = new Loop[0];

    private volatile boolean stopped;

    SimCarrier(String name) {
        this.name = name;
    }

    /** True when this JVM lets the sim choose its virtual threads' scheduler. */
    static boolean available() {
        return BUILDER != null;
    }

    /** A builder of virtual threads that run on this carrier; starts the carrier thread. */
    synchronized Thread.Builder.OfVirtual threads() {
        if (BUILDER == null) throw new IllegalStateException("java.base/java.lang is not open to the sim");
        if (loops.isEmpty()) addLoop();
        try {
            return (Thread.Builder.OfVirtual) BUILDER.newInstance(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build virtual threads on the sim's carrier", e);
        }
    }

    /** Called by the JDK, from any thread, when one of our virtual threads is ready to run. */
    @Override
    public void execute(Runnable continuation) {
        if (stopped) {
            // After the run: a virtual thread started by a body or kernel inherits this scheduler
            // and may still want to run; it gets a thread of its own rather than a queue nobody reads.
            runLate(continuation);
            return;
        }
        tasks.add(continuation);
        if (stopped) drainLate(); // stopped meanwhile: the loops may have left already
        // The hot path: the holder unparks the next actor from this carrier, which is running and
        // polls again as soon as the holder parks, so nobody needs waking.
        for (Loop l : loopsSnapshot) {
            if (l.sleeping) LockSupport.unpark(l.thread);
        }
    }

    /** Another carrier thread, for the actors left when a hung kernel keeps the first one. */
    synchronized void rescue() {
        if (!stopped) addLoop();
    }

    /** Ends the carrier threads once no task is left; a thread stuck in a kernel ends when it returns. */
    synchronized void stop() {
        stopped = true;
        for (Loop l : loops) LockSupport.unpark(l.thread);
    }

    private void drainLate() {
        for (Runnable r; (r = tasks.poll()) != null; ) runLate(r);
    }

    private void runLate(Runnable continuation) {
        Thread.ofPlatform().daemon().name(name + "-late").start(continuation);
    }

    private void addLoop() {
        Loop l = new Loop();
        l.thread = Thread.ofPlatform()
                .daemon()
                .name(name + (loops.isEmpty() ? "" : "-rescue-" + loops.size()))
                .unstarted(l);
        loops.add(l);
        loopsSnapshot = loops.toArray(Loop[]::new);
        l.thread.start();
    }

    private final class Loop implements Runnable {
        Thread thread;
        volatile boolean sleeping;

        @Override
        public void run() {
            while (true) {
                Runnable r = tasks.poll();
                if (r != null) {
                    r.run();
                    continue;
                }
                if (stopped) return;
                sleeping = true;
                // Re-check after announcing the sleep: an execute that missed the flag added first.
                if (tasks.isEmpty() && !stopped) LockSupport.park(this);
                sleeping = false;
            }
        }
    }

    private static Constructor<?> builderConstructor() {
        try {
            if (!Object.class.getModule().isOpen("java.lang", SimCarrier.class.getModule())) return null;
            Constructor<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
                    .getDeclaredConstructor(Executor.class);
            c.setAccessible(true);
            return c;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another JDK's internals: the shared scheduler it is
        }
    }
}
