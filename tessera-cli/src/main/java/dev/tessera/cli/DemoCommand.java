package dev.tessera.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * PR #827 in one command: the Q·Kᵀ demo on the simulated a2a3 under the serial and the parallel
 * dispatch policy, side by side. Exactly {@code compare qk-demo --platform sim --topology a2a3
 * --seed 7 --out DIR}.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Show what PR #827 changed: runs 'compare qk-demo --platform sim --topology a2a3 --seed 7 --out DIR'.",
            "Before (serial) one scheduler starts each 24-block task in a staircase; after (parallel) the blocks split "
                    + "8/8/8 over the 3 schedulers and start together. Same exit codes as compare."
        })
final class DemoCommand implements Callable<Integer> {
    static final String EXAMPLE = "qk-demo";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "tessera-out/demo",
            converter = Converters.PathConverter.class,
            description = "Folder for the pictures, traces and statistics (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Override
    public Integer call() {
        CommandLine compare = spec.parent().commandLine().getSubcommands().get("compare");
        int code = compare.execute(
                EXAMPLE, "--platform", "sim", "--topology", "a2a3", "--seed", "7", "--out", outDir.toString());
        PrintWriter out = spec.commandLine().getOut();
        if (code == ExitCodes.OK || code == ExitCodes.FAIL) {
            out.println();
            out.println("Look at " + outDir.resolve(TraceFiles.COMPARE_PNG) + " (before above, after below), open "
                    + outDir.resolve("parallel").resolve(TraceFiles.HTML) + " in a browser to zoom and hover, or load "
                    + outDir.resolve("parallel").resolve(TraceFiles.TRACE) + " in ui.perfetto.dev.");
            out.flush();
        }
        return code;
    }
}
