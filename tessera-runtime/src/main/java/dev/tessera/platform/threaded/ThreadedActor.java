package dev.tessera.platform.threaded;

import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;
import dev.tessera.platform.IdleStrategy;
import java.util.concurrent.locks.LockSupport;

/** A runtime thread on real time: charging is free, idling backs off, {@link #wake} unparks. */
final class ThreadedActor implements Actor {
    private final RunClock clock;
    private final IdleStrategy idle;
    private volatile Thread thread;
    private volatile boolean parked;

    ThreadedActor(RunClock clock, IdleStrategy idle) {
        this.clock = clock;
        this.idle = idle;
    }

    void bind(Thread t) {
        this.thread = t;
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
        if (idle.parks(round)) {
            parked = true;
            idle.idle(round);
            parked = false;
        } else {
            idle.idle(round);
        }
    }

    @Override
    public void wake() {
        if (parked) {
            Thread t = thread;
            if (t != null) LockSupport.unpark(t);
        }
    }
}
