package dev.tessera.sweep.point;

import dev.tessera.examples.Example;
import dev.tessera.examples.Examples;
import dev.tessera.examples.Options;
import dev.tessera.examples.Verdict;
import dev.tessera.examples.run.ExampleRunner;
import dev.tessera.examples.run.Platforms;
import dev.tessera.examples.run.Settings;
import dev.tessera.examples.run.SyncStartNames;
import dev.tessera.profiling.TraceStats;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one point the way {@code tessera run EXAMPLE --stats FILE} runs an example (the same
 * {@link ExampleRunner} and {@link Platforms}), and never throws: a run that throws becomes an
 * ERROR row, one still going at the point's timeout a TIMEOUT row, so the sweep goes on.
 */
public final class PointRunner {
    private PointRunner() {}

    /** The settings a point runs with: its names resolved, tracing on (the figures come from the trace). */
    public static Settings settings(Point p) {
        Topology topology = Topology.parse(p.topology());
        DispatchPolicy policy = DispatchOptions.apply(DispatchPolicy.parse(p.policy()), p.dispatchOptions());
        var platform = Platforms.create(
                PlatformSpec.name(p.platform()),
                topology,
                p.seed(),
                new Platforms.SimOptions(null, p.costOverrides(), p.compute()),
                PlatformSpec.cores(p.platform()));
        return new Settings(platform, topology, policy, SyncStartNames.parse(p.syncStart()), p.seed(), true);
    }

    /** The example a point runs. */
    public static Example example(Point p) {
        return Examples.byName(p.example())
                .orElseThrow(() -> new IllegalArgumentException("unknown example '" + p.example() + "'"));
    }

    /** The point's example options as {@code tessera run} resolves them (timing-only with compute off). */
    public static Options options(Example example, Point p) {
        return ExampleOptions.resolve(example, p.options(), p.compute());
    }

    /** Runs {@code p} and reports it as having run on {@code executor}. */
    public static PointResult run(Point p, String executor) {
        // The run gets its own thread so that a hung one can be abandoned at the timeout; daemon, so
        // an abandoned run never keeps an executor's JVM alive.
        CompletableFuture<Measured> future = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform()
                .daemon()
                .name("tessera-point-" + p.index())
                .unstarted(() -> {
                    try {
                        future.complete(measure(p));
                    } catch (Throwable t) {
                        future.completeExceptionally(t);
                    }
                });
        long start = System.nanoTime();
        worker.start();
        try {
            Measured m = future.get(p.timeoutMs(), TimeUnit.MILLISECONDS);
            Verdict v = m.outcome.verdict();
            Status status = !v.wasChecked() ? Status.UNCHECKED : v.passed() ? Status.PASS : Status.FAIL;
            return new PointResult(
                    p,
                    status,
                    null,
                    m.outcome.verdict().checked(),
                    m.outcome.verdict().mismatches(),
                    Figures.of(TraceStats.of(m.outcome.result().trace())),
                    m.wallMs,
                    executor);
        } catch (TimeoutException e) {
            worker.interrupt();
            return failed(
                    p, Status.TIMEOUT, "still running after " + p.timeoutMs() + " ms; abandoned", start, executor);
        } catch (ExecutionException e) {
            return failed(p, Status.ERROR, describe(e.getCause()), start, executor);
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            return failed(p, Status.ERROR, "interrupted", start, executor);
        }
    }

    private record Measured(ExampleRunner.Outcome outcome, double wallMs) {}

    private static Measured measure(Point p) {
        Example example = example(p);
        Options options = options(example, p);
        Settings settings = settings(p);
        long t0 = System.nanoTime();
        ExampleRunner.Outcome outcome = ExampleRunner.run(example, options, settings);
        return new Measured(outcome, (System.nanoTime() - t0) / 1e6);
    }

    private static PointResult failed(Point p, Status status, String error, long startNs, String executor) {
        return new PointResult(p, status, error, 0, 0, Map.of(), (System.nanoTime() - startNs) / 1e6, executor);
    }

    /** One line: the exception's class and message, and where it was thrown from when it has no message. */
    static String describe(Throwable t) {
        String msg = t.getMessage();
        String line = t.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg.strip());
        if (msg == null && t.getStackTrace().length > 0) line += " at " + t.getStackTrace()[0];
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl);
    }
}
