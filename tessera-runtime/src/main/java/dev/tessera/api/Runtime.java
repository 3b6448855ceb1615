package dev.tessera.api;

import dev.tessera.platform.IdleStrategy;
import dev.tessera.platform.Platform;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.platform.threaded.CoreExecutor;
import dev.tessera.platform.threaded.ThreadedPlatform;
import dev.tessera.run.Run;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.scheduler.SyncStartMode;
import dev.tessera.topology.Topology;
import dev.tessera.verify.KernelObserver;
import dev.tessera.verify.SubmitObserver;
import java.time.Duration;
import java.util.Locale;
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
 * <p>{@link #builder()} is the one place to choose everything a run depends on: the topology, the
 * platform ({@link Builder#threaded()} or {@link Builder#sim()}, the latter with its cost model,
 * kernel execution and cost jitter), the dispatch policy, the sync-start mode, tracing and the
 * debug checks.
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
        /** Which platform {@link #build} makes: real threads, the simulator, or one given outright. */
        private enum PlatformChoice {
            THREADED,
            SIM,
            GIVEN
        }

        private Topology topology = Topology.a2a3();
        private PlatformChoice choice = PlatformChoice.THREADED;
        private Platform platform;
        private CostModel costModel;
        private boolean computeKernels = true;
        private boolean costJitter;
        private Duration simTimeLimit;
        private boolean simOptionsSet;
        private DispatchPolicy policy = DispatchPolicy.PARALLEL;
        private SyncStartMode syncStartMode = SyncStartMode.RESERVE;
        private int taskWindow = 16384;
        private long heapBytes = 64L << 20;
        private int tensorMapEntries = 65536;
        private long seed;
        private boolean trace;
        private boolean hazardCheck;
        private IdleStrategy idleStrategy = IdleStrategy.DEFAULT;
        private CoreExecutor coreExecutor;
        private Duration coreTimeout = Duration.ofSeconds(60);
        private KernelObserver observer;
        private SubmitObserver submitObserver;

        public Builder topology(Topology t) {
            this.topology = Objects.requireNonNull(t);
            return this;
        }

        /** Real threads: every core, scheduler and the orchestrator a thread; wall-clock time (the default). */
        public Builder threaded() {
            choice = PlatformChoice.THREADED;
            return this;
        }

        /**
         * Simulated time, deterministic for a seed, from the cost preset of the topology's device
         * (a5 for a5 topologies, a2a3 otherwise; see docs/sim-cost-model.md).
         */
        public Builder sim() {
            choice = PlatformChoice.SIM;
            costModel = null;
            return this;
        }

        /** Simulated time from {@code costs} (e.g. {@code CostModel.a2a3().withOverride(...)} or {@code CostModel.load(file)}). */
        public Builder sim(CostModel costs) {
            choice = PlatformChoice.SIM;
            costModel = Objects.requireNonNull(costs, "costs");
            return this;
        }

        /** The platform by name, as the command line spells it: {@code threaded} or {@code sim}. */
        public Builder platform(String name) {
            return switch (Objects.requireNonNull(name, "platform name").trim().toLowerCase(Locale.ROOT)) {
                case "threaded" -> threaded();
                case "sim" -> sim();
                default -> throw new IllegalArgumentException("unknown platform '" + name + "': use threaded or sim");
            };
        }

        /** Any platform, built by hand (tests, instrumented platforms). */
        public Builder platform(Platform p) {
            this.platform = Objects.requireNonNull(p);
            choice = PlatformChoice.GIVEN;
            return this;
        }

        /** sim only: run the kernels (the default), or only account their simulated time. */
        public Builder computeKernels(boolean on) {
            computeKernels = on;
            simOptionsSet = true;
            return this;
        }

        /** sim only: seeded noise of up to ± {@code jitter.percent} on every cost and kernel duration (default off). */
        public Builder costJitter(boolean on) {
            costJitter = on;
            simOptionsSet = true;
            return this;
        }

        /**
         * sim only: a run whose simulated time passes {@code limit} fails (default 10 s; a block
         * that would end past it fails the run when it is posted). See docs/sim-cost-model.md.
         */
        public Builder simTimeLimit(Duration limit) {
            simTimeLimit = Objects.requireNonNull(limit, "limit");
            simOptionsSet = true;
            return this;
        }

        public Builder policy(DispatchPolicy p) {
            this.policy = Objects.requireNonNull(p);
            return this;
        }

        public Builder syncStartMode(SyncStartMode m) {
            this.syncStartMode = Objects.requireNonNull(m);
            return this;
        }

        public Builder taskWindow(int slots) {
            this.taskWindow = slots;
            return this;
        }

        public Builder heapBytes(long bytes) {
            this.heapBytes = bytes;
            return this;
        }

        public Builder tensorMapEntries(int n) {
            this.tensorMapEntries = n;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }
        /** Record a timeline of every run: {@link RunResult#trace()}. */
        public Builder trace(boolean on) {
            this.trace = on;
            return this;
        }

        /**
         * Debug mode: a submit whose access to a tensor conflicts with an unfinished earlier task
         * that it will not wait for (a write to a region that task still reads or writes, or a
         * read of a region it still writes) fails with {@code DEPENDENCY_HAZARD}, naming both
         * tasks and the tensor. The reference infers no such edges (see docs/user-guide.md,
         * "What waits for what"); this finds where a program relies on them. Costs time per submit.
         */
        public Builder hazardCheck(boolean on) {
            this.hazardCheck = on;
            return this;
        }

        public Builder idleStrategy(IdleStrategy s) {
            this.idleStrategy = Objects.requireNonNull(s);
            return this;
        }

        /**
         * How the threaded platform runs cores: {@link CoreExecutor#pooled()} (a worker per CPU, idle
         * runtime threads help), {@link CoreExecutor#dedicated()} (a thread per core) or
         * {@link CoreExecutor#auto()} (the default: pooled when the run's threads would outnumber the CPUs).
         */
        public Builder coreExecutor(CoreExecutor e) {
            this.coreExecutor = Objects.requireNonNull(e);
            return this;
        }

        public Builder coreTimeout(Duration d) {
            this.coreTimeout = Objects.requireNonNull(d);
            return this;
        }

        public Builder observer(KernelObserver o) {
            this.observer = o;
            return this;
        }

        public Builder submitObserver(SubmitObserver o) {
            this.submitObserver = o;
            return this;
        }

        public Runtime build() {
            if (simOptionsSet && choice != PlatformChoice.SIM) {
                throw new IllegalStateException(
                        "computeKernels, costJitter and simTimeLimit apply to the sim platform only: choose it with sim()");
            }
            if (coreExecutor != null && choice != PlatformChoice.THREADED) {
                throw new IllegalStateException(
                        "coreExecutor applies to the threaded platform the builder makes: choose it with threaded()"
                                + (choice == PlatformChoice.GIVEN
                                        ? ", or pass the executor to your platform, e.g. new ThreadedPlatform(idleStrategy, executor)"
                                        : ""));
            }
            Platform p = switch (choice) {
                case THREADED ->
                    new ThreadedPlatform(idleStrategy, coreExecutor != null ? coreExecutor : CoreExecutor.auto());
                case SIM -> {
                    SimPlatform sim = new SimPlatform(
                            costModel != null ? costModel : CostModel.presetFor(topology), computeKernels, costJitter);
                    yield simTimeLimit == null ? sim : sim.withTimeLimitNs(simTimeLimit.toNanos());
                }
                case GIVEN -> platform;
            };
            return new Runtime(new RuntimeConfig(
                    topology,
                    p,
                    policy,
                    syncStartMode,
                    taskWindow,
                    heapBytes,
                    tensorMapEntries,
                    seed,
                    trace,
                    idleStrategy,
                    coreTimeout,
                    observer,
                    submitObserver,
                    hazardCheck));
        }
    }
}
