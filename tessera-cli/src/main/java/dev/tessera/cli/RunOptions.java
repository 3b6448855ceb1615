package dev.tessera.cli;

import dev.tessera.dispatch.DispatchOptions;
import dev.tessera.examples.run.Settings;
import dev.tessera.scheduler.DispatchPolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code run}: the machine's, plus the dispatch policy and its toggles. */
final class RunOptions extends MachineOptions {
    @Option(
            names = "--policy",
            paramLabel = "NAME",
            defaultValue = "parallel",
            converter = Converters.PolicyConverter.class,
            completionCandidates = Converters.PolicyNames.class,
            description = "Dispatch policy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DispatchPolicy policy;

    @Option(
            names = "--dispatch-option",
            paramLabel = "NAME=on|off",
            converter = Converters.ToggleConverter.class,
            description =
                    "Switch one dispatch mechanism of the policy on or off (repeatable; 'tessera list --policies' lists them).")
    List<String> toggles = new ArrayList<>();

    Settings settings(boolean trace) {
        return settings(withToggles(), trace);
    }

    /** The policy with every {@code --dispatch-option} applied, named after both ({@code head[burst-publish=off]}). */
    DispatchPolicy withToggles() {
        if (toggles.isEmpty()) return policy;
        DispatchOptions o = policy.options();
        for (String t : toggles) o = o.withToggle(t);
        return DispatchPolicy.of(o);
    }
}
