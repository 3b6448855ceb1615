package dev.tessera.platform.sim;

import dev.tessera.platform.CoreHost;
import dev.tessera.platform.Platform;
import java.util.Objects;

/**
 * The {@code sim} platform: the real runtime, in deterministic simulated nanoseconds driven by a
 * {@link CostModel}. Each actor pays for its operations on its own clock; a baton passes to the
 * earliest actor at every costed operation, so effects are seen in simulated-time order; cores are
 * functions of time. Kernels still run (numerics are checked) unless {@code compute} is off.
 */
public final class SimPlatform implements Platform {
    /**
     * 10 simulated seconds: ten times the device's own execute timeout (1 s, spec §7.5) and far
     * beyond any realistic run, yet reached within a minute or so of wall time by a live-locked run.
     */
    public static final long DEFAULT_TIME_LIMIT_NS = 10_000_000_000L;
    /** 10^18 ns, about 32 years: with every cost at most {@link CostModel#MAX_NS}, no clock sum can overflow. */
    public static final long MAX_TIME_LIMIT_NS = 1_000_000_000_000_000_000L;

    private final CostModel costModel;
    private final boolean compute;
    private final boolean jitter;
    private final long timeLimitNs;
    private final SimLog log;
    private final boolean ownCarrier;

    /** Kernels execute, no jitter, default time limit. */
    public SimPlatform(CostModel costModel) {
        this(costModel, true, false);
    }

    /**
     * @param compute run the kernels (false: a pure timing study; payloads are still read for durations)
     * @param jitter  add seeded ± {@code jitter.percent} noise to every cost and kernel duration
     */
    public SimPlatform(CostModel costModel, boolean compute, boolean jitter) {
        this(costModel, compute, jitter, DEFAULT_TIME_LIMIT_NS, null, SimCarrier.available());
    }

    private SimPlatform(
            CostModel costModel, boolean compute, boolean jitter, long timeLimitNs, SimLog log, boolean ownCarrier) {
        this.costModel = Objects.requireNonNull(costModel, "costModel");
        if (timeLimitNs < 1 || timeLimitNs > MAX_TIME_LIMIT_NS) {
            throw new IllegalArgumentException(
                    "the simulated time limit must be 1.." + MAX_TIME_LIMIT_NS + " ns, got " + timeLimitNs);
        }
        this.compute = compute;
        this.jitter = jitter;
        this.timeLimitNs = timeLimitNs;
        this.log = log;
        this.ownCarrier = ownCarrier;
    }

    /** The same platform with another simulated-time limit: a run whose clocks pass it fails. */
    public SimPlatform withTimeLimitNs(long ns) {
        return new SimPlatform(costModel, compute, jitter, ns, log, ownCarrier);
    }

    /** The same platform under another cost model (e.g. {@link CostModel#withIdealDispatch}). */
    public SimPlatform withCostModel(CostModel model) {
        return new SimPlatform(model, compute, jitter, timeLimitNs, log, ownCarrier);
    }

    /** The same platform, reporting every scheduling decision to {@code sink} (tests, debugging). */
    SimPlatform withLog(SimLog sink) {
        return new SimPlatform(costModel, compute, jitter, timeLimitNs, sink, ownCarrier);
    }

    /**
     * The same platform with its actors on the JDK's shared virtual-thread scheduler instead of a
     * carrier of their own (tests: the simulation must not depend on it).
     */
    SimPlatform onSharedScheduler() {
        return new SimPlatform(costModel, compute, jitter, timeLimitNs, log, false);
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public SimSession open(CoreHost host, long seed) {
        return new SimSession(host, costModel, compute, jitter, timeLimitNs, seed, log, ownCarrier);
    }

    public CostModel costModel() {
        return costModel;
    }

    public boolean compute() {
        return compute;
    }

    public boolean jitter() {
        return jitter;
    }

    public long timeLimitNs() {
        return timeLimitNs;
    }

    @Override
    public String toString() {
        return "sim(" + costModel.name() + (compute ? "" : ", no compute") + (jitter ? ", jitter" : "") + ")";
    }
}
