package dev.tessera.platform.threaded;

import dev.tessera.platform.CoreHost;
import dev.tessera.platform.IdleStrategy;
import dev.tessera.platform.Platform;
import dev.tessera.platform.PlatformSession;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Real threads: every scheduler and the orchestrator is a platform thread; kernels really run;
 * time is the wall clock. Cores are pooled or dedicated threads (see {@link CoreExecutor}). Idle
 * threads spin, yield, then park. A non-zero seed perturbs the cores' timing a little, so stress
 * runs with different seeds see different interleavings.
 */
public final class ThreadedPlatform implements Platform {
    private final IdleStrategy idle;
    private final CoreExecutor executor;
    private final ThreadFactory threads;

    public ThreadedPlatform() {
        this(IdleStrategy.DEFAULT, CoreExecutor.auto());
    }

    public ThreadedPlatform(IdleStrategy idle) {
        this(idle, CoreExecutor.auto());
    }

    public ThreadedPlatform(IdleStrategy idle, CoreExecutor executor) {
        this(idle, executor, ThreadStarter.PLATFORM_THREADS);
    }

    /** Tests: every thread of a run comes from {@code threads} (which may fail to make one). */
    ThreadedPlatform(IdleStrategy idle, CoreExecutor executor, ThreadFactory threads) {
        this.idle = Objects.requireNonNull(idle, "idle");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    public CoreExecutor executor() {
        return executor;
    }

    @Override
    public String name() {
        return "threaded";
    }

    @Override
    public PlatformSession open(CoreHost host, long seed) {
        int cpus = java.lang.Runtime.getRuntime().availableProcessors();
        return new ThreadedSession(
                host, idle, executor.resolve(host.topology(), cpus), seed, new ThreadStarter(threads), cpus);
    }
}
