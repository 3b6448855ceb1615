package dev.tessera.cli;

import dev.tessera.bench.BenchResults;
import dev.tessera.bench.BenchSuite;
import dev.tessera.examples.run.IoErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Run the end-to-end benchmarks on the threaded platform (submit cost, dispatch cost per block, independent "
                    + "tasks per second, chains, fan-out/fan-in, SPMD latency, METG against ForkJoinPool and "
                    + "CompletableFuture) and print a table. See docs/benchmarks.md.",
            "Exit code 0 when the suite ran, 4 when the JSON file cannot be written."
        })
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Fewer and shorter runs: under 5 minutes on a 2-CPU machine.")
    boolean quick;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            converter = Converters.PathConverter.class,
            description = "Also write {\"results\":[{\"name\",\"unit\",\"value\"}]} to FILE.")
    Path json;

    @Override
    public Integer call() {
        // An unwritable FILE fails now (exit 4), not after minutes of benchmarks.
        if (json != null) TraceFiles.prepareFile(json);
        PrintStream out = System.out; // the suite prints progress as it goes, unbuffered
        BenchResults results = BenchSuite.run(quick, out);
        if (json != null) {
            try {
                BenchSuite.writeJson(results, json);
            } catch (IOException e) {
                throw new TraceFiles.OutputException("cannot write " + json + ": " + IoErrors.reason(e, json), e);
            }
            out.println("results written to " + json);
        }
        return ExitCodes.OK;
    }
}
