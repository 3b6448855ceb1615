package dev.tessera.cli;

import dev.tessera.examples.run.IoErrors;
import dev.tessera.profiling.ChromeTraceWriter;
import dev.tessera.profiling.PolicyComparison;
import dev.tessera.profiling.StatsJson;
import dev.tessera.profiling.SwimlaneHtml;
import dev.tessera.profiling.SwimlanePng;
import dev.tessera.profiling.Trace;
import dev.tessera.profiling.TraceStats;
import dev.tessera.profiling.timing.DispatchTimings;
import dev.tessera.profiling.timing.DispatchTimingsJson;
import dev.tessera.profiling.timing.Edge;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files {@code run --trace}, {@code run --stats} and {@code compare} write, with their fixed
 * names, and the rows that announce them.
 */
final class TraceFiles {
    static final String TRACE = "trace.json";
    static final String HTML = "swimlane.html";
    static final String PNG = "swimlane.png";
    static final String STATS = "stats.json";
    static final String DISPATCH = "dispatch.json";
    static final String COMPARE_PNG = "compare.png";
    static final String COMPARE_JSON = "compare.json";

    /** A written file, how the report labels it, and what opens it. */
    record Written(String label, Path path, String note) {}

    /** An output file or folder could not be written; the CLI exits with {@link ExitCodes#OUTPUT_ERROR}. */
    static final class OutputException extends RuntimeException {
        OutputException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private TraceFiles() {}

    /** Creates {@code dir} and its parents when missing; fails when it cannot (a file is in the way, no permission). */
    static void prepareDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new OutputException("cannot create the folder " + dir + ": " + IoErrors.reason(e, dir), e);
        }
    }

    /**
     * {@code --stats FILE} must not be one of the files {@code --trace DIR} writes (nor DIR
     * itself): one would silently overwrite the other. Checked before anything is created.
     */
    static void checkNoCollision(Path traceDir, Path statsFile) {
        if (traceDir == null || statsFile == null) return;
        Path dir = traceDir.toAbsolutePath().normalize();
        Path stats = statsFile.toAbsolutePath().normalize();
        if (stats.equals(dir)) {
            throw new MachineOptions.BadOptionsException(
                    "--stats " + statsFile + " is the folder --trace writes into: give --stats a file");
        }
        for (String name : List.of(TRACE, HTML, PNG, STATS, DISPATCH)) {
            if (stats.equals(dir.resolve(name))) {
                throw new MachineOptions.BadOptionsException(
                        "--stats " + statsFile + " is the " + name + " that --trace " + traceDir
                                + " writes"
                                + (name.equals(STATS)
                                        ? " already: leave out --stats"
                                        : ", so one would overwrite the other:" + " give --stats another file"));
            }
        }
    }

    /** Creates the folder {@code file} goes into; fails when {@code file} is a folder. */
    static void prepareFile(Path file) {
        if (Files.isDirectory(file)) throw new OutputException(file + " is a folder, not a file", null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) prepareDirectory(parent);
    }

    /** The producer → consumer edges whose gaps runs report (those whose kernels a run has). */
    static final List<Edge> EDGES = List.of(
            Edge.parse("qwen3_attention->qwen3_out_proj"),
            Edge.parse("qwen3_residual_rms_cast->qwen3_gate_proj"),
            Edge.parse("qwen3_silu->qwen3_down_proj"),
            Edge.parse("pa_softmax->pa_pv"));

    /** One run in {@code dir}: Chrome trace, HTML and PNG swimlanes, statistics, dispatch timing. */
    static List<Written> writeRun(Trace trace, TraceStats stats, Path dir) {
        prepareDirectory(dir);
        List<Written> out = new ArrayList<>();
        out.add(write(
                "trace", dir.resolve(TRACE), "Perfetto: ui.perfetto.dev", p -> ChromeTraceWriter.write(trace, p)));
        out.add(write("swimlane", dir.resolve(HTML), "any browser", p -> SwimlaneHtml.write(trace, p)));
        out.add(write("picture", dir.resolve(PNG), "", p -> SwimlanePng.write(trace, p)));
        out.add(write("stats", dir.resolve(STATS), "", p -> StatsJson.write(stats, p)));
        out.add(write("dispatch", dir.resolve(DISPATCH), "dispatch timing statistics", p -> {
            try {
                Files.writeString(p, DispatchTimingsJson.of(DispatchTimings.of(trace, EDGES)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        return out;
    }

    /** The statistics alone, at {@code file}. */
    static Written writeStats(TraceStats stats, Path file) {
        prepareFile(file);
        return write("stats", file, "", p -> StatsJson.write(stats, p));
    }

    /**
     * Two runs in {@code dir}: {@code serial/} and {@code parallel/} each get a Chrome trace and an
     * HTML swimlane; {@code compare.png} stacks both swimlanes (serial above), {@code compare.json}
     * holds both statistics.
     */
    static List<Written> writeComparison(Trace serial, Trace parallel, Path dir) {
        prepareDirectory(dir);
        List<Written> out = new ArrayList<>();
        for (Trace t : List.of(serial, parallel)) {
            String policy = t == serial ? "serial" : "parallel";
            Path sub = dir.resolve(policy);
            prepareDirectory(sub);
            out.add(write(
                    policy + " trace",
                    sub.resolve(TRACE),
                    "Perfetto: ui.perfetto.dev",
                    p -> ChromeTraceWriter.write(t, p)));
            out.add(write(policy + " page", sub.resolve(HTML), "any browser", p -> SwimlaneHtml.write(t, p)));
        }
        out.add(write(
                "picture",
                dir.resolve(COMPARE_PNG),
                "serial above, parallel below",
                p -> SwimlanePng.writeComparison(serial, parallel, p)));
        TraceStats a = TraceStats.of(serial);
        TraceStats b = TraceStats.of(parallel);
        out.add(write(
                "stats",
                dir.resolve(COMPARE_JSON),
                "{\"serial\": ..., \"parallel\": ...}",
                p -> StatsJson.writeComparisonJson(a, b, p)));
        return out;
    }

    /** {@code compare --policies}: one folder per run, named {@code dirs}, the stacked picture and the JSON. */
    static List<Written> writePolicies(PolicyComparison comparison, List<String> dirs, Path dir) {
        prepareDirectory(dir);
        List<Written> out = new ArrayList<>();
        List<Trace> traces = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            PolicyComparison.Run run = comparison.runs().get(i);
            Trace t = run.trace();
            traces.add(t);
            names.add(run.name());
            Path sub = dir.resolve(dirs.get(i));
            prepareDirectory(sub);
            out.add(write(
                    run.name() + " trace",
                    sub.resolve(TRACE),
                    "Perfetto: ui.perfetto.dev",
                    p -> ChromeTraceWriter.write(t, p)));
            out.add(write(run.name() + " page", sub.resolve(HTML), "any browser", p -> SwimlaneHtml.write(t, p)));
        }
        out.add(write(
                "picture",
                dir.resolve(COMPARE_PNG),
                String.join(", ", dirs) + ", top to bottom",
                p -> SwimlanePng.writeStack(traces, names, p)));
        out.add(write(
                "stats", dir.resolve(COMPARE_JSON), "one entry per policy, then \"dispatch\"", comparison::writeJson));
        return out;
    }

    static void print(PrintWriter out, List<Written> files) {
        for (Written w : files) Report.file(out, w.label(), w.path(), w.note());
    }

    private interface Writer {
        void write(Path file);
    }

    private static Written write(String label, Path file, String note, Writer writer) {
        try {
            writer.write(file);
        } catch (UncheckedIOException e) {
            throw new OutputException("cannot write " + file + ": " + IoErrors.reason(e, file), e);
        }
        return new Written(label, file, note);
    }
}
