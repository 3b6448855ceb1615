package dev.tessera.cli;

import dev.tessera.examples.run.Settings;
import dev.tessera.scheduler.DispatchPolicy;
import picocli.CommandLine.Option;

/** The options of {@code run} and {@code demo}: the machine's, plus the dispatch policy. */
final class RunOptions extends MachineOptions {
    @Option(
            names = "--policy",
            paramLabel = "NAME",
            defaultValue = "parallel",
            converter = Converters.PolicyConverter.class,
            completionCandidates = Converters.PolicyNames.class,
            description = "Dispatch policy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DispatchPolicy policy;

    Settings settings(boolean trace) {
        return settings(policy, trace);
    }
}
