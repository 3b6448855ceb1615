package dev.tessera.platform.sim;

import java.util.concurrent.locks.LockSupport;

/**
 * The one token that lets an actor run. It always belongs to the live actor that is earliest in
 * simulated time (ties broken by seeded tickets), so every effect an actor makes at time t is made
 * before any other actor acts at a later time: that is the whole causality argument of the sim.
 *
 * <p>Threads park while they wait; only the holder touches simulation state, and the volatile
 * {@link #holder} write/read pair on each hand-off orders everything one holder wrote before
 * everything the next one reads.
 */
final class Baton {
    private final long timeLimitNs;
    private final SimLog log;
    private SimActor[] actors = new SimActor[0];

    private volatile SimActor holder;
    /**
     * The earliest live actor other than the holder. Others cannot move while the holder runs
     * (only {@code wake} and leaving change them, and both refresh this), so the hot path of a
     * charge is one comparison against it.
     */
    private SimActor rival;
    /**
     * Set once by the kernel watchdog, from outside the rotation, when the holder is stuck in a
     * kernel: every other actor unwinds at once, and nobody passes the baton any more.
     */
    private volatile boolean abandoned;
    // Written only by a holder and read by later holders: ordered by the hand-off.
    private boolean aborted;
    private Throwable failure;
    private long handoffs;

    Baton(long timeLimitNs, SimLog log) {
        this.timeLimitNs = timeLimitNs;
        this.log = log;
    }

    void register(SimActor[] all) {
        this.actors = all.clone();
    }

    long timeLimitNs() {
        return timeLimitNs;
    }

    SimActor holder() {
        return holder;
    }

    long handoffs() {
        return handoffs;
    }

    /**
     * An actor failed: the others must stop. Read by the holder on every charge, so a plain field;
     * abandonment is checked where a holder can meet it, when a kernel returns (see SimCore).
     */
    boolean aborted() {
        return aborted;
    }

    boolean abandoned() {
        return abandoned;
    }

    /**
     * Gives up on the run from outside the rotation (the holder is stuck in a kernel): wakes every
     * waiting actor so it unwinds with {@link SimulationAbortedException}. Returns the holder.
     */
    SimActor abandon() {
        abandoned = true;
        for (SimActor a : actors) {
            Thread t = a.thread;
            if (t != null) LockSupport.unpark(t);
        }
        return holder;
    }

    Throwable failure() {
        return failure;
    }

    /** Gives the baton to the earliest actor before any thread starts. */
    void start() {
        SimActor first = earliestLiveExcept(null);
        rival = null;
        holder = first;
    }

    /** Simulated "now" for a register access: the holder's clock, or the end of time so far when none runs. */
    long nowForCores() {
        SimActor h = holder;
        if (h != null) return h.clock;
        long max = 0;
        for (SimActor a : actors) max = Math.max(max, a.clock);
        return max;
    }

    void checkHolder(SimActor a) {
        if (holder != a) {
            throw new IllegalStateException(
                    a.name + " was charged from a thread that is not running it: only the body of the"
                            + " actor that holds the baton may charge or idle (is it used outside execute, or from another actor?)");
        }
    }

    /** Blocks until {@code me} holds the baton, then refreshes the rival cache. */
    void acquire(SimActor me) {
        while (holder != me) {
            if (abandoned) throw new SimulationAbortedException(me.name, null);
            LockSupport.park(this);
        }
        rival = earliestLiveExcept(me);
        if (aborted || abandoned) throw new SimulationAbortedException(me.name, failure);
    }

    /** After {@code me}'s clock moved forward: keep running if still earliest, otherwise hand over and wait. */
    void advanced(SimActor me) {
        SimActor r = rival;
        if (r == null || precedes(me, r)) return;
        pass(me, r);
        acquire(me);
    }

    /** The holder changed another actor's clock (a wake): recompute who is next. */
    void rivalsChanged(SimActor me) {
        rival = earliestLiveExcept(me);
    }

    void fail(SimActor me, Throwable t) {
        if (abandoned) return; // not the holder: the session reports the hung kernel instead
        if (failure == null) {
            failure = t;
            aborted = true;
            event(me, "failed: " + t);
        } else if (t != failure && !(t instanceof SimulationAbortedException)) {
            failure.addSuppressed(t);
        }
    }

    /** {@code me}'s body ended: it leaves the rotation and the baton moves on (or the run is over). */
    void leave(SimActor me) {
        me.live = false;
        if (abandoned) return; // actors unwind in any order now; there is no rotation to keep
        event(me, "leaves");
        SimActor next = earliestLiveExcept(me);
        if (next != null) {
            pass(me, next);
        } else {
            holder = null;
        }
    }

    void event(SimActor a, String what) {
        if (log != null) log.event(a.name, a.clock, what);
    }

    private void pass(SimActor from, SimActor to) {
        handoffs++;
        if (log != null) log.event(from.name, from.clock, "baton -> " + to.name);
        holder = to;
        LockSupport.unpark(to.thread);
    }

    private SimActor earliestLiveExcept(SimActor skip) {
        SimActor best = null;
        for (SimActor a : actors) {
            if (a != skip && a.live && (best == null || precedes(a, best))) best = a;
        }
        return best;
    }

    /** Strict order: clock, then seeded ticket, then index (so two distinct actors are never equal). */
    static boolean precedes(SimActor a, SimActor b) {
        if (a.clock != b.clock) return a.clock < b.clock;
        if (a.ticket != b.ticket) return a.ticket < b.ticket;
        return a.index < b.index;
    }
}
