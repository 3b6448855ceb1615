package dev.tessera.cli;

import dev.tessera.examples.Example;
import dev.tessera.examples.run.ExampleRunner;
import dev.tessera.examples.run.Settings;
import dev.tessera.profiling.StatsText;
import dev.tessera.profiling.TraceStats;
import dev.tessera.scheduler.DispatchPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
