package dev.tessera.scheduler;

import dev.tessera.core.ErrorLatch;
import dev.tessera.platform.Actor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A short barrier that parks every other scheduler at a safe point (the top of its loop, after
 * completion polling) so one scheduler may place a sync-start cohort on cores that others own.
 * The barrier's volatile/atomic accesses order the owners' tracker writes before the launcher's
 * reads and the launcher's writes before the owners resume.
 */
final class StopTheWorld {
    private final int parties;
    private final ErrorLatch errors;
    private final AtomicInteger requester = new AtomicInteger(-1);
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int epoch;

    StopTheWorld(int parties, ErrorLatch errors) {
        this.parties = parties;
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
        arrived.incrementAndGet();
        int round = 0;
        while (epoch == e && !errors.isSet()) actor.idle(++round);
    }

    /**
     * Stops every other scheduler; returns false if another scheduler is already stopping the world
     * (then the caller must pass its own safe point first and try later).
     */
    boolean stop(int self, Actor actor) {
        if (!requester.compareAndSet(-1, self)) return false;
        int round = 0;
        while (arrived.get() < parties - 1) {
            if (errors.isSet()) {
                resume();
                return false;
            }
            actor.idle(++round);
        }
        return true;
    }

    void resume() {
        arrived.set(0);
        requester.set(-1);
        epoch++;
    }
}
