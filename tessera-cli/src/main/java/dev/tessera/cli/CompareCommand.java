package dev.tessera.cli;

import dev.tessera.dispatch.Policies;
import dev.tessera.examples.Example;
import dev.tessera.examples.run.ExampleRunner;
import dev.tessera.examples.run.Settings;
import dev.tessera.profiling.PolicyComparison;
import dev.tessera.profiling.StatsText;
import dev.tessera.profiling.TraceStats;
import dev.tessera.profiling.timing.DispatchTimings;
import dev.tessera.profiling.timing.DispatchTimingsText;
import dev.tessera.scheduler.DispatchPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Run one example under the serial dispatch policy (before PR #827), then under parallel (#827), "
                    + "check both against the golden and compare their swimlanes.",
            "Writes into DIR: serial/" + TraceFiles.TRACE + ", serial/" + TraceFiles.HTML + ", parallel/"
                    + TraceFiles.TRACE
                    + ", parallel/" + TraceFiles.HTML + ", " + TraceFiles.COMPARE_PNG
                    + " (serial above, parallel below, "
                    + "one time scale) and " + TraceFiles.COMPARE_JSON + " ({\"serial\": stats, \"parallel\": stats}).",
            "Prints makespan, overhead, utilisation, blocks per scheduler and every SPMD task's start spread side by side.",
            "With --policies A,B,C: runs each of those policies instead, writes A/, B/, C/ with the same files, "
                    + TraceFiles.COMPARE_PNG + " with all of them stacked on one time scale in that order, and "
                    + TraceFiles.COMPARE_JSON + " ({\"A\": stats, ..., \"dispatch\": {\"A\": dispatch figures, ...}}).",
            "Exit code 0 when both runs PASS, 1 when one FAILs, 2 on a bad command line, 3 when a run fails, "
                    + "4 when an output file cannot be written."
        })
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "EXAMPLE",
            converter = Converters.ExampleConverter.class,
            completionCandidates = Converters.ExampleNames.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    Example example;

    @Mixin
    MachineOptions machine;

    @Option(
            names = "--case",
            paramLabel = "NAME",
            description = "A named preset of the example's options, e.g. Case1 (see 'tessera list --cases').")
    String caseName;

    /** The example's own options ({@code --variant unroll}); checked against the example by {@link ExampleArgs}. */
    @Unmatched
    List<String> exampleArgs = new ArrayList<>();

    /** The example's checked options, set by {@link #call}. */
    private dev.tessera.examples.Options exampleOptions;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            converter = Converters.PathConverter.class,
            description = "Folder for the traces, pages, picture and statistics (created if missing).")
    Path outDir;

    @Option(
            names = "--policies",
            paramLabel = "LIST",
            split = ",",
            description =
                    "Compare these dispatch policies instead of serial and parallel, in this order (see 'tessera list"
                            + " --policies'); a policy may carry toggles: head:burst-publish=off.")
    List<String> policies;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "1",
            description = "Run the example N times untraced under each policy first, so that JIT compilation "
                    + "lands in neither compared run (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() {
        if (warmup < 0) throw new ParameterException(spec.commandLine(), "--warmup must be 0 or more, got " + warmup);
        exampleOptions = ExampleArgs.resolve(spec.commandLine(), example, caseName, exampleArgs, !machine.noCompute);
        TraceFiles.prepareDirectory(outDir);
        PrintWriter out = spec.commandLine().getOut();
        if (policies != null) return comparePolicies(out);
        Settings serialSettings = machine.settings(DispatchPolicy.SERIAL, true);
        Report.settings(out, example.name(), serialSettings, "serial, then parallel");
        out.flush();
        Settings parallelSettings = serialSettings.withPolicy(DispatchPolicy.PARALLEL);
        warmUp(serialSettings);
        warmUp(parallelSettings);
        ExampleRunner.Outcome serial = runOne(serialSettings, "");
        ExampleRunner.Outcome parallel = runOne(parallelSettings, "");
        Report.row(out, "serial", serial.verdict().describe());
        Report.row(out, "parallel", parallel.verdict().describe());

        out.println();
        out.print(StatsText.comparisonTable(
                TraceStats.of(serial.result().trace()),
                TraceStats.of(parallel.result().trace())));
        out.println();
        out.println("serial:");
        out.print(DispatchTimingsText.lines(DispatchTimings.of(serial.result().trace(), TraceFiles.EDGES)));
        out.println("parallel:");
        out.print(DispatchTimingsText.lines(DispatchTimings.of(parallel.result().trace(), TraceFiles.EDGES)));
        out.println();
        TraceFiles.print(
                out,
                TraceFiles.writeComparison(
                        serial.result().trace(), parallel.result().trace(), outDir));

        if (!serial.verdict().wasChecked()) {
            out.println(serial.verdict().describe());
            out.flush();
            return ExitCodes.OK;
        }
        boolean passed = serial.verdict().passed() && parallel.verdict().passed();
        if (passed) {
            out.println("PASS (serial and parallel both match the golden)");
        } else {
            String failed = serial.verdict().passed()
                    ? "parallel"
                    : parallel.verdict().passed() ? "serial" : "serial and parallel";
            out.println("FAIL (" + failed + " did not match the golden)");
        }
        out.flush();
        return passed ? ExitCodes.OK : ExitCodes.FAIL;
    }

    /** {@code --policies}: every listed policy, checked, drawn stacked, tabled side by side. */
    private int comparePolicies(PrintWriter out) {
        List<DispatchPolicy> chosen = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String spec : policies) {
            DispatchPolicy p;
            try {
                p = DispatchPolicy.of(Policies.parseSpec(spec.trim()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(this.spec.commandLine(), "--policies: " + e.getMessage());
            }
            if (!names.add(p.options().fileName())) {
                throw new ParameterException(this.spec.commandLine(), "--policies names " + p.name() + " twice");
            }
            chosen.add(p);
        }
        Settings first = machine.settings(chosen.getFirst(), true);
        Report.settings(
                out,
                example.name(),
                first,
                String.join(", ", chosen.stream().map(DispatchPolicy::name).toList()));
        out.flush();
        for (DispatchPolicy p : chosen) warmUp(first.withPolicy(p));
        List<ExampleRunner.Outcome> outcomes = new ArrayList<>();
        for (DispatchPolicy p : chosen) outcomes.add(runOne(first.withPolicy(p), ""));
        List<PolicyComparison.Run> runs = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Report.row(out, chosen.get(i).name(), outcomes.get(i).verdict().describe());
            runs.add(PolicyComparison.Run.of(
                    chosen.get(i).name(), outcomes.get(i).result().trace()));
        }
        PolicyComparison comparison = new PolicyComparison(runs);
        out.println();
        out.print(comparison.table());
        out.println();
        List<String> dirs = chosen.stream().map(p -> p.options().fileName()).toList();
        TraceFiles.print(out, TraceFiles.writePolicies(comparison, dirs, outDir));
        if (!outcomes.getFirst().verdict().wasChecked()) {
            out.println(outcomes.getFirst().verdict().describe());
            out.flush();
            return ExitCodes.OK;
        }
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++)
            if (!outcomes.get(i).verdict().passed()) failed.add(chosen.get(i).name());
        out.println(
                failed.isEmpty()
                        ? "PASS (every policy matches the golden)"
                        : "FAIL (" + String.join(", ", failed) + " did not match the golden)");
        out.flush();
        return failed.isEmpty() ? ExitCodes.OK : ExitCodes.FAIL;
    }

    private void warmUp(Settings s) {
        for (int i = 1; i <= warmup; i++)
            runOne(s.withTrace(false), " warm-up" + (warmup > 1 ? " " + i + " of " + warmup : ""));
    }

    /** {@code what}: "" for a measured run, " warm-up 2 of 3" for a warm-up: named when the run fails. */
    private ExampleRunner.Outcome runOne(Settings s, String what) {
        try {
            return ExampleRunner.run(example, exampleOptions, s);
        } catch (RuntimeException | Error e) {
            // The handler prints the error itself; say which of the runs it was.
            PrintWriter err = spec.commandLine().getErr();
            err.println("tessera: compare: the " + s.policyName() + what + " run of " + example.name() + " failed");
            err.flush();
            throw e;
        }
    }
}
