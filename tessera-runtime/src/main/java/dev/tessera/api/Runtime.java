package dev.tessera.api;

import dev.tessera.core.Run;
import dev.tessera.platform.IdleStrategy;
import dev.tessera.platform.Platform;
import dev.tessera.platform.threaded.CoreExecutor;
import dev.tessera.platform.threaded.ThreadedPlatform;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.scheduler.SyncStartMode;
import dev.tessera.topology.Topology;
import dev.tessera.verify.KernelObserver;
import dev.tessera.verify.SubmitObserver;
import java.time.Duration;
import java.util.Objects;

/**
 * The entry point: a topology, a platform and a dispatch policy, on which orchestrations run.
 *
 * <pre>{@code
 * try (Runtime rt = Runtime.builder().topology(Topology.a2a3()).build()) {
 *     RunResult r = rt.run(orch -> orch.submit(TaskSpec.aiv(kernel).inout(t).blocks(48)));
 * }
 * }</pre>
 *
 * Each {@link #run} starts the platform's schedulers and cores, runs the orchestration, waits for
 * every task to finish and stops them again; a failed run throws a {@code TesseraException} and
 * leaves the runtime usable for the next run.
 */
public final class Runtime implements AutoCloseable {
    private final RuntimeConfig config;
    private volatile boolean closed;

    private Runtime(RuntimeConfig config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    public RuntimeConfig config() {
        return config;
    }

    public Topology topology() {
        return config.topology();
    }

    /** Runs {@code orchestration} to completion and returns what happened. */
    public RunResult run(Orchestration orchestration) {
        if (closed) throw new IllegalStateException("runtime is closed");
        return new Run(config).execute(Objects.requireNonNull(orchestration, "orchestration"));
    }

    @Override
    public void close() {
        closed = true;
    }

    public static final class Builder {
        private Topology topology = Topology.a2a3();
        private Platform platform;
        private DispatchPolicy policy = DispatchPolicy.PARALLEL;
        private SyncStartMode syncStartMode = SyncStartMode.RESERVE;
        private int taskWindow = 16384;
        private long heapBytes = 64L << 20;
        private int tensorMapEntries = 65536;
        private long seed;
        private boolean trace;
        private IdleStrategy idleStrategy = IdleStrategy.DEFAULT;
        private CoreExecutor coreExecutor;
        private Duration coreTimeout = Duration.ofSeconds(60);
        private KernelObserver observer;
        private SubmitObserver submitObserver;

        public Builder topology(Topology t) { this.topology = Objects.requireNonNull(t); return this; }
        public Builder platform(Platform p) { this.platform = Objects.requireNonNull(p); return this; }
        public Builder policy(DispatchPolicy p) { this.policy = Objects.requireNonNull(p); return this; }
        public Builder syncStartMode(SyncStartMode m) { this.syncStartMode = Objects.requireNonNull(m); return this; }
        public Builder taskWindow(int slots) { this.taskWindow = slots; return this; }
        public Builder heapBytes(long bytes) { this.heapBytes = bytes; return this; }
        public Builder tensorMapEntries(int n) { this.tensorMapEntries = n; return this; }
        public Builder seed(long s) { this.seed = s; return this; }
        public Builder trace(boolean on) { this.trace = on; return this; }
        public Builder idleStrategy(IdleStrategy s) { this.idleStrategy = Objects.requireNonNull(s); return this; }

        /**
         * How the threaded platform runs cores: {@link CoreExecutor#pooled()} (a worker per CPU, idle
         * runtime threads help), {@link CoreExecutor#dedicated()} (a thread per core) or
         * {@link CoreExecutor#auto()} (the default: pooled when the run's threads would outnumber the CPUs).
         */
        public Builder coreExecutor(CoreExecutor e) { this.coreExecutor = Objects.requireNonNull(e); return this; }
        public Builder coreTimeout(Duration d) { this.coreTimeout = Objects.requireNonNull(d); return this; }
        public Builder observer(KernelObserver o) { this.observer = o; return this; }
        public Builder submitObserver(SubmitObserver o) { this.submitObserver = o; return this; }

        public Runtime build() {
            if (platform != null && coreExecutor != null) {
                throw new IllegalStateException("coreExecutor applies to the threaded platform the builder makes; with platform(...) "
                        + "pass it to that platform instead, e.g. new ThreadedPlatform(idleStrategy, executor)");
            }
            Platform p = platform != null ? platform
                    : new ThreadedPlatform(idleStrategy, coreExecutor != null ? coreExecutor : CoreExecutor.auto());
            return new Runtime(new RuntimeConfig(topology, p, policy, syncStartMode, taskWindow, heapBytes,
                    tensorMapEntries, seed, trace, idleStrategy, coreTimeout, observer,
                    submitObserver));
        }
    }
}
