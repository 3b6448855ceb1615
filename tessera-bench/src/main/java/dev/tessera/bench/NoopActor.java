package dev.tessera.bench;

import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;

/**
 * An actor for in-thread harnesses: wall-clock time, free charging (as on the threaded platform),
 * and an idle step that only spins, because nothing else runs on this thread that could make
 * progress while it backs off.
 */
public final class NoopActor implements Actor {
    private final long epochNs = System.nanoTime();

    @Override
    public long now() {
        return System.nanoTime() - epochNs;
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
        Thread.onSpinWait();
    }

    @Override
    public void wake() {
        // one thread: nobody to wake
    }
}
