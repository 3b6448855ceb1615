package dev.tessera.platform.threaded;

import dev.tessera.platform.CoreHost;
import dev.tessera.platform.IdleStrategy;
import dev.tessera.platform.Platform;
import dev.tessera.platform.PlatformSession;

/**
 * Real threads: every core, every scheduler and the orchestrator is a platform thread; kernels
 * really run; time is the wall clock. Idle threads spin, yield, then park, so a topology with 75
 * threads behaves on a 2-CPU machine. A non-zero seed perturbs the cores' timing a little, so
 * stress runs with different seeds see different interleavings.
 */
public final class ThreadedPlatform implements Platform {
    private final IdleStrategy idle;

    public ThreadedPlatform() {
        this(IdleStrategy.DEFAULT);
    }

    public ThreadedPlatform(IdleStrategy idle) {
        this.idle = idle;
    }

    @Override
    public String name() {
        return "threaded";
    }

    @Override
    public PlatformSession open(CoreHost host, long seed) {
        return new ThreadedSession(host, idle, seed);
    }
}
