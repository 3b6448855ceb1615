package dev.tessera.sweep;

import dev.tessera.sweep.engine.Engine;
import dev.tessera.sweep.engine.EngineException;
import dev.tessera.sweep.point.Point;
import dev.tessera.sweep.results.OutputException;
import dev.tessera.sweep.results.ResultStore;
import dev.tessera.sweep.results.Row;
import dev.tessera.sweep.spec.SweepSpec;
import dev.tessera.sweep.summary.BoxPlots;
import dev.tessera.sweep.summary.Summary;
import dev.tessera.sweep.summary.SummaryHtml;
import dev.tessera.sweep.summary.SummaryText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One sweep from start to summary: open the output folder (skipping finished points on
 * {@code --resume}), run the remaining points on the engine while writing each row as it arrives and
 * showing progress, then summarise every row of the sweep. An interrupt (Ctrl-C) closes the output
 * through a shutdown hook, so every finished row stays readable and {@code --resume} continues.
 */
final class Sweep {
    static final String SUMMARY_TXT = "summary.txt";
    static final String SUMMARY_HTML = "summary.html";
    static final String BOXPLOTS = "boxplots";

    private final SweepSpec spec;
    private final Path dir;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;

    Sweep(SweepSpec spec, Path dir, PrintWriter out, PrintWriter err, boolean terminal) {
        this.spec = spec;
        this.dir = dir;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    int run(boolean resume, Supplier<Engine> engines) throws InterruptedException {
        List<Point> points = spec.points();
        ResultStore store = ResultStore.open(dir, resume);
        Set<String> done = store.keys();
        List<Point> todo = points.stream().filter(p -> !done.contains(p.key())).toList();
        row("sweep", spec.name());
        row("points", spec.shape());
        if (resume) row("to run", todo.size() + " (" + (points.size() - todo.size()) + " already in " + dir + ")");
        row("output", dir.toString());
        out.flush();
        AtomicReference<Engine> running = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread onInterrupt = new Thread(
                () -> {
                    interrupted.set(true);
                    Engine e = running.get();
                    if (e != null) e.stopping();
                    store.close(false);
                    err.println();
                    err.println("tessera sweep: interrupted; " + store.rows().size() + " rows are in " + dir
                            + " (run the same command with --resume to continue)");
                    err.flush();
                },
                "tessera-sweep-interrupt");
        java.lang.Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            if (!todo.isEmpty()) {
                try (Engine engine = engines.get()) {
                    running.set(engine);
                    row("engine", engine.describe());
                    out.flush();
                    Progress progress = new Progress(err, terminal, todo.size(), System::nanoTime);
                    engine.run(todo, r -> {
                        store.add(r);
                        progress.add(r);
                    });
                    progress.finish();
                }
            }
            store.close(true);
        } catch (EngineException | OutputException e) {
            store.close(false);
            if (interrupted.get()) return ExitCodes.INTERRUPTED; // the hook has said what happened
            throw e;
        } finally {
            try {
                java.lang.Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running; it closes the store
            }
        }
        return summarise(store.rows(), points);
    }

    /** Summarises the rows of {@code points} (an edited sweep's old rows stay in the files, not here). */
    int summarise(List<Row> all, List<Point> points) {
        Set<String> keys = points.stream().map(Point::key).collect(Collectors.toSet());
        List<Row> rows = all.stream().filter(r -> keys.contains(r.key())).toList();
        Summary summary = Summary.of(rows, spec.figures(), spec.baseline());
        String text = SummaryText.render(summary);
        out.println();
        out.print(text);
        out.println();
        try {
            Files.writeString(dir.resolve(SUMMARY_TXT), text, StandardCharsets.UTF_8);
            SummaryHtml.write(summary, "Sweep " + spec.name(), rows, dir.resolve(SUMMARY_HTML));
            Path plots = Files.createDirectories(dir.resolve(BOXPLOTS));
            for (String f : spec.figures()) BoxPlots.write(summary, f, plots.resolve(f + ".png"));
        } catch (IOException | UncheckedIOException e) {
            throw new OutputException("cannot write the summary into " + dir + ": " + e.getMessage(), e);
        }
        row(
                "results",
                dir.resolve(ResultStore.PARQUET) + " and " + dir.resolve(ResultStore.CSV) + " (" + all.size()
                        + " rows)");
        row("summary", dir.resolve(SUMMARY_HTML) + ", " + dir.resolve(SUMMARY_TXT));
        row("box plots", dir.resolve(BOXPLOTS) + "/{" + String.join(",", spec.figures()) + "}.png");
        out.flush();
        return summary.allOk() ? ExitCodes.OK : ExitCodes.SOME_FAILED;
    }

    /** Prints the points and an estimate of the time; runs nothing through the engine. */
    int dryRun(boolean resume, String master) {
        List<Point> points = spec.points();
        Set<String> done = resume && Files.isDirectory(dir)
                ? ResultStore.read(dir).stream().map(Row::key).collect(Collectors.toSet())
                : Set.of();
        List<Point> todo = points.stream().filter(p -> !done.contains(p.key())).toList();
        row("sweep", spec.name());
        row("points", spec.shape());
        if (resume) row("to run", todo.size() + " (" + (points.size() - todo.size()) + " already in " + dir + ")");
        out.flush();
        Estimate estimate = Estimate.probe(todo, (label, ms) -> {
            row("probe", String.format(Locale.ROOT, "%9.1f ms  %s", ms, label));
            out.flush();
        });
        row("estimate", estimate.describe(master));
        out.flush();
        return ExitCodes.OK;
    }

    private void row(String key, String value) {
        out.printf(Locale.ROOT, "%-10s %s%n", key, value);
    }
}
