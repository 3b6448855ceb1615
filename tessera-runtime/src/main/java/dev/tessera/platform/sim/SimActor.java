package dev.tessera.platform.sim;

import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;
import java.util.SplittableRandom;

/**
 * The orchestrator or one scheduler in simulated time: a clock that only its own charges move
 * forward, and a place in the baton rotation. All fields are touched by the baton holder only.
 */
final class SimActor implements Actor {
    /**
     * The longest step one charge may take: with jitter (at most doubling it) and a clock within
     * {@link SimPlatform#MAX_TIME_LIMIT_NS}, the sum stays far inside a {@code long}.
     */
    private static final long MAX_SPAN_NS = 1L << 61;

    final int index;
    final String name;
    private final Baton baton;
    private final CostModel model;
    private final int jitterPercent;
    private final SplittableRandom rng;
    /** When this scheduler's cores change status; {@code null} for the orchestrator, which owns none. */
    final LongMinHeap coreEvents;

    long clock;
    /** Tie-break among actors at the same instant; redrawn from the seed at every advance. */
    long ticket;

    boolean live = true;
    Thread thread;

    private boolean idling;
    private long idleFrom;
    private long charges;

    SimActor(
            int index,
            String name,
            Baton baton,
            CostModel model,
            int jitterPercent,
            SplittableRandom rng,
            LongMinHeap coreEvents) {
        this.index = index;
        this.name = name;
        this.baton = baton;
        this.model = model;
        this.jitterPercent = jitterPercent;
        this.rng = rng;
        this.coreEvents = coreEvents;
        this.ticket = rng.nextLong();
    }

    /** The device counter's reading: the exact clock floored to the counter tick. */
    @Override
    public long now() {
        return clock - clock % model.tickNs();
    }

    @Override
    public void charge(Cost op) {
        advance(op, model.cost(op));
    }

    /** Charges {@code count} operations as one span (jitter, when on, applies to the span). */
    @Override
    public void charge(Cost op, int count) {
        if (count < 0) throw new IllegalArgumentException("cannot charge a negative count of " + op + ": " + count);
        if (count == 0) return;
        long cost = model.cost(op);
        // Saturates instead of wrapping: a span this long only ends the run at the time limit.
        advance(op, cost <= MAX_SPAN_NS / count ? cost * count : MAX_SPAN_NS);
    }

    /**
     * Models one turn of a polling loop that found nothing: the clock moves by the back-off of this
     * round, but never past the next status change of this scheduler's own cores, so a FIN is seen
     * as soon as it is visible rather than up to a back-off late.
     */
    @Override
    public void idle(int round) {
        enter();
        long backoff = Math.max(1, Jitter.apply(model.idleBackoffNs(round), jitterPercent, rng));
        long wakeAt = clock + backoff;
        if (coreEvents != null) wakeAt = Math.min(wakeAt, coreEvents.nextAfter(clock));
        idleFrom = clock;
        idling = true;
        moveTo(wakeAt, "idle");
        idling = false;
    }

    /**
     * Cuts this actor's back-off short because the calling actor (the baton holder) just made work
     * for it: it resumes at the caller's instant, or where its idle began if that is later. Calls
     * from threads that are not the holder, or for an actor that is not idling, change nothing.
     */
    @Override
    public void wake() {
        SimActor caller = baton.holder();
        if (caller == null || caller == this || caller.thread != Thread.currentThread() || !live || !idling) return;
        long resume = Math.max(idleFrom, caller.clock);
        if (resume >= clock) return;
        clock = resume;
        ticket = rng.nextLong();
        baton.event(this, "woken by " + caller.name);
        baton.rivalsChanged(caller);
    }

    long charges() {
        return charges;
    }

    private void advance(Cost op, long ns) {
        enter();
        moveTo(clock + Jitter.apply(ns, jitterPercent, rng), op);
    }

    private void enter() {
        baton.checkHolder(this);
        // A body that swallowed the abort must not keep simulating on its own.
        if (baton.aborted()) throw new SimulationAbortedException(name, baton.failure());
    }

    private void moveTo(long target, Object what) {
        clock = target;
        ticket = rng.nextLong();
        charges++;
        if (clock > baton.timeLimitNs()) {
            idling = false;
            throw SimTimeLimitExceededException.clockPassed(
                    name, clock, baton.timeLimitNs(), what instanceof Cost ? "charging " + what : "idling");
        }
        baton.event(this, what.toString());
        baton.advanced(this);
    }

    @Override
    public String toString() {
        return name + "@" + clock;
    }
}
