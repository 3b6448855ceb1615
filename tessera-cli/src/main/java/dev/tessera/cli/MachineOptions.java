package dev.tessera.cli;

import dev.tessera.platform.Platform;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.scheduler.SyncStartMode;
import dev.tessera.topology.Topology;
import picocli.CommandLine.Option;

/**
 * Where to run and how to break ties: the options every running command shares ({@code run},
 * {@code demo}, {@code compare}). The dispatch policy is not among them: {@code compare} runs both.
 */
class MachineOptions {
    @Option(names = "--platform", paramLabel = "NAME", defaultValue = "threaded",
            converter = Converters.PlatformConverter.class, completionCandidates = Converters.PlatformNames.class,
            description = "Platform: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Platform platform;

    @Option(names = "--topology", paramLabel = "SPEC", defaultValue = "a2a3",
            converter = Converters.TopologyConverter.class,
            description = "a2a3 (24 clusters, 3 schedulers), a5 (36, 3), a5:S (36, S schedulers), "
                    + "host (sized to this machine) or CxS (C clusters, S schedulers) (default: ${DEFAULT-VALUE}).")
    Topology topology;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed for every tie-break the runtime makes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sync-start", paramLabel = "MODE", defaultValue = "reserve",
            converter = Converters.SyncStartConverter.class, completionCandidates = Converters.SyncStartNames.class,
            description = "How a syncStart task that needs several schedulers' cores is placed: reserve (hold back "
                    + "only the cores it needs) or freeze (stop every scheduler, as the reference does) "
                    + "(default: ${DEFAULT-VALUE}).")
    SyncStartMode syncStart;

    /** These options with {@code policy}, tracing on or off. */
    Settings settings(DispatchPolicy policy, boolean trace) {
        return new Settings(platform, topology, policy, syncStart, seed, trace);
    }
}
