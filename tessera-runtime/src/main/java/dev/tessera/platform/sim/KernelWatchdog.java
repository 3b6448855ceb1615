package dev.tessera.platform.sim;

import dev.tessera.platform.DispatchPayload;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches, in real time, the kernel a sim session is running. On sim a kernel runs inline on the
 * actor that posted it, while that actor holds the baton, so a kernel that never returns stops the
 * whole simulation: no clock moves, and neither the scheduler's {@code coreTimeout} nor the
 * simulated-time limit can fire. This watchdog, on its own thread, notices a kernel call that has
 * lasted longer than the timeout and reports it once, so the session can end the run.
 *
 * <p>The hot path is two release-stores of a counter per kernel call (odd while a kernel runs);
 * a shared timer thread samples it. A call is hung when the timer sees the same odd value for
 * longer than the timeout, so it is reported between one timeout and one timeout plus a period
 * after it began.
 */
final class KernelWatchdog {
    /** What was running when the watchdog gave up on it. */
    record Hung(int core, DispatchPayload payload, long ranNs) {}

    /** Receives the verdict, on the timer thread; must not block. */
    interface Listener {
        void hung(Hung hung);
    }

    private static final VarHandle SEQUENCE;
    private static final ScheduledThreadPoolExecutor TIMER;

    static {
        try {
            SEQUENCE = MethodHandles.lookup().findVarHandle(KernelWatchdog.class, "sequence", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        // One daemon thread for every session of the JVM (checks are a few loads each), ended when
        // no session has run for a second: a library should not leave a thread behind for good.
        TIMER = new ScheduledThreadPoolExecutor(
                1, r -> Thread.ofPlatform().daemon().name("sim-kernel-watchdog").unstarted(r));
        TIMER.setRemoveOnCancelPolicy(true);
        TIMER.setKeepAliveTime(1, TimeUnit.SECONDS);
        TIMER.allowCoreThreadTimeOut(true);
    }

    private final long timeoutNs;
    private final Listener listener;

    // Written by the baton holder only; the release-store of sequence publishes core and payload.
    @SuppressWarnings("unused") // accessed through SEQUENCE
    private volatile long sequence;

    private int core;
    private DispatchPayload payload;

    // Timer-thread state.
    private long seenSequence = -1;
    private long seenSinceNs;
    private ScheduledFuture<?> task;

    KernelWatchdog(long timeoutNs, Listener listener) {
        if (timeoutNs < 1) throw new IllegalArgumentException("the kernel timeout must be positive, got " + timeoutNs);
        this.timeoutNs = timeoutNs;
        this.listener = listener;
    }

    /** Starts sampling; the period is a quarter of the timeout, within 10 ms .. 1 s. */
    synchronized void start() {
        long period = Math.clamp(timeoutNs / 4, 10_000_000L, 1_000_000_000L);
        task = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
    }

    synchronized void stop() {
        if (task != null) task.cancel(false);
    }

    /** The baton holder is about to run {@code p}'s kernel on {@code coreId}. */
    void kernelStarted(int coreId, DispatchPayload p) {
        core = coreId;
        payload = p;
        SEQUENCE.setRelease(this, (long) SEQUENCE.getOpaque(this) + 1);
    }

    /** That kernel returned or threw. */
    void kernelEnded() {
        SEQUENCE.setRelease(this, (long) SEQUENCE.getOpaque(this) + 1);
    }

    private void check() {
        long s = (long) SEQUENCE.getAcquire(this);
        long now = System.nanoTime();
        if ((s & 1) == 0 || s != seenSequence) {
            seenSequence = s;
            seenSinceNs = now;
            return;
        }
        if (now - seenSinceNs < timeoutNs) return;
        stop();
        listener.hung(new Hung(core, payload, now - seenSinceNs));
    }
}
