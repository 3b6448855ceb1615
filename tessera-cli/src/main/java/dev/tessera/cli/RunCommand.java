package dev.tessera.cli;

import dev.tessera.examples.Example;
import dev.tessera.examples.run.ExampleRunner;
import dev.tessera.examples.run.Settings;
import dev.tessera.profiling.StatsText;
import dev.tessera.profiling.TraceStats;
import dev.tessera.profiling.timing.DispatchTimings;
import dev.tessera.profiling.timing.DispatchTimingsText;
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
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run one example, print a summary and check the result against its golden.",
            "With --trace, record the run and write its swimlane and statistics.",
            "Examples with cases and options take --case NAME and --OPTION VALUE after the example's name "
                    + "(listed below and by 'tessera list --cases').",
            "Exit code 0 on PASS, 1 on FAIL, 2 on a bad command line, 3 when the run fails, "
                    + "4 when an output file cannot be written."
        })
final class RunCommand implements Callable<Integer> {
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
    RunOptions options;

    @Option(
            names = "--case",
            paramLabel = "NAME",
            description = "A named preset of the example's options, e.g. Case1 (see 'tessera list --cases').")
    String caseName;

    /** The example's own options ({@code --variant unroll}); checked against the example by {@link ExampleArgs}. */
    @Unmatched
    List<String> exampleArgs = new ArrayList<>();

    @Option(
            names = "--trace",
            paramLabel = "DIR",
            converter = Converters.PathConverter.class,
            description = "Record the run and write " + TraceFiles.TRACE + " (Perfetto), " + TraceFiles.HTML + ", "
                    + TraceFiles.PNG + " and " + TraceFiles.STATS + " into DIR (created if missing); "
                    + "also prints the statistics, with every SPMD task's start spread.")
    Path traceDir;

    @Option(
            names = "--stats",
            paramLabel = "FILE",
            converter = Converters.PathConverter.class,
            description = "Record the run and write its statistics as JSON to FILE (with or without --trace).")
    Path statsFile;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "0",
            description = "Run the example N times untraced first, so that JIT compilation does not land in "
                    + "the reported run (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() {
        if (warmup < 0) throw new ParameterException(spec.commandLine(), "--warmup must be 0 or more, got " + warmup);
        dev.tessera.examples.Options exampleOptions =
                ExampleArgs.resolve(spec.commandLine(), example, caseName, exampleArgs, !options.noCompute);
        boolean trace = traceDir != null || statsFile != null;
        TraceFiles.checkNoCollision(traceDir, statsFile);
        // Make the output folders first: a path that cannot be written fails before the run, not after it.
        if (traceDir != null) TraceFiles.prepareDirectory(traceDir);
        if (statsFile != null) TraceFiles.prepareFile(statsFile);
        Settings settings = options.settings(trace);
        ExampleRunner.warmUp(example, exampleOptions, settings, warmup);
        ExampleRunner.Outcome outcome = ExampleRunner.run(example, exampleOptions, settings);
        PrintWriter out = spec.commandLine().getOut();
        Report.summary(out, outcome);
        if (trace) {
            TraceStats stats = TraceStats.of(outcome.result().trace());
            out.println();
            out.print(DispatchTimingsText.lines(
                    DispatchTimings.of(outcome.result().trace(), TraceFiles.EDGES)));
            if (traceDir != null) {
                out.println();
                out.print(StatsText.summary(stats));
                out.println();
                TraceFiles.print(out, TraceFiles.writeRun(outcome.result().trace(), stats, traceDir));
            }
            if (statsFile != null) TraceFiles.print(out, List.of(TraceFiles.writeStats(stats, statsFile)));
        }
        Report.verdict(out, outcome);
        return outcome.verdict().passed() || !outcome.verdict().wasChecked() ? ExitCodes.OK : ExitCodes.FAIL;
    }
}
