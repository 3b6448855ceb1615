package dev.tessera.platform.threaded;

import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;
import dev.tessera.platform.IdleStrategy;
import java.util.concurrent.locks.LockSupport;

/**
 * A runtime thread on real time: charging is free; idling first helps run a queued core (pooled
 * cores), then backs off; {@link #wake} cuts a back-off short.
 *
 * <p>No wake-up is lost. {@code wake} sets {@code woken} and then reads {@code parked}; {@code idle}
 * sets {@code parked} and then reads {@code woken}, and parks only if it is clear (the same
 * announce-and-re-check guard as {@link CoreWorker}). So either the waker unparks a thread that
 * announced its park, or the thread sees the wake and does not park. {@code woken} is cleared only
 * after a park (or a skipped one), and the caller re-checks its work after every {@code idle}, so a
 * wake that arrived at any point since the caller last looked is never slept through.
 *
 * <p>What can be lost is only the flag itself, never the work it announces: a wake landing between
 * {@code parked = false} and {@code woken = false} is cleared unseen, but its work was published
 * before {@code wake} was called and the caller is about to look for work again. A wake during a
 * spin or yield round leaves {@code woken} set, so the next park is skipped once: a spurious
 * return, which the caller's re-check absorbs.
 */
final class ThreadedActor implements Actor {
    private final RunClock clock;
    private final IdleStrategy idle;
    /** Non-null with pooled cores: the queue this thread helps with when it has nothing to do. */
    private final CorePool pool;

    private volatile Thread thread;
    private volatile KernelWatch watch;
    private volatile boolean parked;
    private volatile boolean woken;

    ThreadedActor(RunClock clock, IdleStrategy idle, CorePool pool) {
        this.clock = clock;
        this.idle = idle;
        this.pool = pool;
    }

    void bind(Thread t, String role) {
        this.watch = new KernelWatch(t, role);
        this.thread = t;
    }

    /** What this thread runs while it helps; null before {@link #bind}. */
    KernelWatch watch() {
        return watch;
    }

    @Override
    public long now() {
        return clock.now();
    }

    @Override
    public void charge(Cost op) {
        // real work costs real time
    }

    @Override
    public void charge(Cost op, int count) {
        // real work costs real time
    }

    @Override
    public void idle(int round) {
        if (pool != null && pool.runOne(watch)) return; // helped: the caller looks for its own work again
        if (idle.parks(round)) {
            parked = true;
            if (!woken) idle.idle(round);
            parked = false;
            woken = false;
        } else {
            idle.idle(round);
        }
    }

    @Override
    public void wake() {
        // a wake already pending has not been consumed yet: its consumer re-checks after us
        if (!woken) woken = true;
        if (parked) {
            Thread t = thread;
            if (t != null) LockSupport.unpark(t);
        }
    }
}
