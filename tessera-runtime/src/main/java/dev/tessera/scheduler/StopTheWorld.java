package dev.tessera.scheduler;

import dev.tessera.core.ErrorLatch;
import dev.tessera.platform.Actor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A short barrier that parks every other scheduler at a safe point (the top of its loop, after
 * completion polling) so one scheduler may place a sync-start cohort on cores that others own.
 * The barrier's volatile/atomic accesses order the owners' tracker writes before the launcher's
 * reads and the launcher's writes before the owners resume.
 *
 * <p>Order: the requester wins {@code requester} by CAS and wakes every other scheduler; each one
 * reaching its safe point reads the epoch, then counts itself in {@code arrived} (the last to
 * arrive wakes the requester) and waits for the epoch to move. {@link #resume} is called only by the
 * requester, so a plain {@code epoch++} on the volatile is safe (one writer); it clears
 * {@code arrived} and {@code requester} first, so a scheduler that sees the new epoch can at once
 * take part in the next stop, and then wakes everyone it held.
 *
 * <p>Every wait here is an {@link Actor#idle} back-off, which on the threaded platform parks for up
 * to {@code IdleStrategy.maxParkNs}. Without the wake-ups each stop, and each return to work, could
 * wait out a whole park of every scheduler involved: in {@code FREEZE_ALL} mode that is paid on
 * every turn of a waiting cohort's loop (docs/sync-start.md has the figures).
 */
final class StopTheWorld {
    /** Scheduler {@code s}'s actor at index {@code s}: whom to wake. */
    private final Actor[] parties;

    private final ErrorLatch errors;
    private final AtomicInteger requester = new AtomicInteger(-1);
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int epoch;

    StopTheWorld(Actor[] parties, ErrorLatch errors) {
        this.parties = parties.clone();
        this.errors = errors;
    }

    boolean requested() {
        return requester.get() >= 0;
    }

    /** Called by a scheduler at its safe point: waits while another scheduler holds the world. */
    void safePoint(int self, Actor actor) {
        int r = requester.get();
        if (r < 0 || r == self) return;
        int e = epoch;
        if (arrived.incrementAndGet() == parties.length - 1) {
            int waiting = requester.get();
            if (waiting >= 0) parties[waiting].wake();
        }
        int round = 0;
        while (epoch == e && !errors.isSet()) actor.idle(++round);
    }

    /**
     * Stops every other scheduler; returns false if another scheduler is already stopping the world
     * (then the caller must pass its own safe point first and try later).
     */
    boolean stop(int self, Actor actor) {
        if (!requester.compareAndSet(-1, self)) return false;
        wakeAllBut(self);
        int round = 0;
        while (arrived.get() < parties.length - 1) {
            if (errors.isSet()) {
                resume();
                return false;
            }
            actor.idle(++round);
        }
        return true;
    }

    /** Called by the scheduler whose {@link #stop} succeeded: lets everyone go. */
    @SuppressWarnings("NonAtomicVolatileUpdate") // one writer: only the scheduler holding the world resumes it
    void resume() {
        int self = requester.get();
        arrived.set(0);
        requester.set(-1);
        epoch++;
        wakeAllBut(self);
    }

    private void wakeAllBut(int self) {
        for (int s = 0; s < parties.length; s++) if (s != self) parties[s].wake();
    }
}
