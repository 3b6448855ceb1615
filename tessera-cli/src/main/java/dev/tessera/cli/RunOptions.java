package dev.tessera.cli;

import dev.tessera.platform.Platform;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import picocli.CommandLine.Option;

/** Where and how to run: the options shared by {@code run} and {@code demo}. */
final class RunOptions {
    @Option(names = "--platform", paramLabel = "NAME", defaultValue = "threaded",
            converter = Converters.PlatformConverter.class, completionCandidates = Converters.PlatformNames.class,
            description = "Platform: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Platform platform;

    @Option(names = "--topology", paramLabel = "SPEC", defaultValue = "a2a3",
            converter = Converters.TopologyConverter.class,
            description = "a2a3 (24 clusters, 3 schedulers), a5 (36, 3), a5:S (36, S schedulers), "
                    + "host (sized to this machine) or CxS (C clusters, S schedulers) (default: ${DEFAULT-VALUE}).")
    Topology topology;

    @Option(names = "--policy", paramLabel = "NAME", defaultValue = "parallel",
            converter = Converters.PolicyConverter.class, completionCandidates = Converters.PolicyNames.class,
            description = "Dispatch policy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DispatchPolicy policy;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed for every tie-break the runtime makes (default: ${DEFAULT-VALUE}).")
    long seed;
}
