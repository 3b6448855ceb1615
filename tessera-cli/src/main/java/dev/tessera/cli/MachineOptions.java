package dev.tessera.cli;

import dev.tessera.examples.run.Platforms;
import dev.tessera.examples.run.Settings;
import dev.tessera.platform.Platform;
import dev.tessera.platform.threaded.CoreExecutor;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.scheduler.SyncStartMode;
import dev.tessera.topology.Topology;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where to run and how to break ties: the options every running command shares ({@code run},
 * {@code demo}, {@code compare}). The dispatch policy is not among them: {@code compare} runs both.
 */
class MachineOptions {
    @Option(
            names = "--platform",
            paramLabel = "NAME",
            defaultValue = "threaded",
            converter = Converters.PlatformConverter.class,
            completionCandidates = Converters.PlatformNames.class,
            description = "Platform: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String platform;

    @Option(
            names = "--cores",
            paramLabel = "MODE",
            converter = Converters.CoresConverter.class,
            description = "threaded: how cores get CPU time: pooled (a worker thread per CPU runs every core; idle "
                    + "schedulers help), pooled:N (N workers), dedicated (a thread per core, as on the device) or auto "
                    + "(pooled when the run's threads would outnumber the CPUs, else dedicated) (default: auto).")
    CoreExecutor cores;

    @Option(
            names = "--cost-model",
            paramLabel = "FILE",
            converter = Converters.PathConverter.class,
            description = "sim: cost model file (.properties or .json) instead of the topology's preset.")
    Path costModel;

    @Option(
            names = "--sim-time-limit",
            paramLabel = "DURATION",
            converter = Converters.SimTimeConverter.class,
            description = "sim: fail a run whose simulated time passes DURATION, e.g. 30s, 500ms or 2m (default: 10s).")
    Long simTimeLimitNs;

    @Option(
            names = "--cost",
            paramLabel = "KEY=NS",
            description = "sim: override one cost, e.g. cost.ready_pop=40 or kernel.name.qk_matmul=20000 (repeatable).")
    Map<String, String> costs = new LinkedHashMap<>();

    @Option(names = "--no-compute", description = "sim: skip running kernels (pure timing study; goldens then fail).")
    boolean noCompute;

    @Option(
            names = "--topology",
            paramLabel = "SPEC",
            defaultValue = "a2a3",
            converter = Converters.TopologyConverter.class,
            description = "a2a3 (24 clusters, 3 schedulers), a5 (36, 3), a5:S (36, S schedulers), "
                    + "host (sized to this machine) or CxS (C clusters, S schedulers) (default: ${DEFAULT-VALUE}).")
    Topology topology;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "0",
            description = "Seed: perturbs core timing on threaded; on sim it picks every tie-break and, when "
                    + "not 0, adds cost jitter. Same seed, same sim trace (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--sync-start",
            paramLabel = "MODE",
            defaultValue = "reserve",
            converter = Converters.SyncStartConverter.class,
            completionCandidates = Converters.SyncStartNames.class,
            description = "How a syncStart task that needs several schedulers' cores is placed: reserve (hold back "
                    + "only the cores it needs) or freeze (stop every scheduler, as the reference does) "
                    + "(default: ${DEFAULT-VALUE}).")
    SyncStartMode syncStart;

    /** These options with {@code policy}, tracing on or off. */
    Settings settings(DispatchPolicy policy, boolean trace) {
        Platform p;
        try {
            p = Platforms.create(
                    platform,
                    topology,
                    seed,
                    new Platforms.SimOptions(costModel, costs, !noCompute, simTimeLimitNs == null ? 0 : simTimeLimitNs),
                    cores);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new BadOptionsException(e.getMessage());
        }
        return new Settings(p, topology, policy, syncStart, seed, trace);
    }

    /** Options that parse but do not fit together (or a cost model that cannot be read). */
    static final class BadOptionsException extends RuntimeException {
        BadOptionsException(String message) {
            super(message);
        }
    }
}
