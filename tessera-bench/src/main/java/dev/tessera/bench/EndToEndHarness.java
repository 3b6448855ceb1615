package dev.tessera.bench;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;
import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestration;
import dev.tessera.api.Orchestrator;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.Scope;
import dev.tessera.api.TaskSpec;
import dev.tessera.platform.threaded.ThreadedPlatform;
import dev.tessera.topology.Topology;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * What every end-to-end graph of {@link EndToEnd} shares: the runtime under test on the threaded
 * platform, the baselines, an arena for tensors, the log, and the watchdog that every run goes
 * through. Each graph is its own class and gets this harness, so the graphs stay short and measure
 * the same way.
 */
final class EndToEndHarness implements AutoCloseable {
    final boolean quick;
    final Topology topology;
    final int cpus = java.lang.Runtime.getRuntime().availableProcessors();
    final MeasuringPlatform platform = new MeasuringPlatform(new ThreadedPlatform());
    final Baselines baselines;
    final Arena arena = Arena.ofShared();
    final Kernel empty = Kernel.of("empty", ctx -> {});
    private final PrintStream log;
    private final Runtime runtime;
    private RunResult last;
    private ExecutorService runner = newRunner();

    EndToEndHarness(boolean quick, Topology topology, PrintStream log) {
        this.quick = quick;
        this.log = log;
        this.topology = topology;
        this.runtime = Runtime.builder().topology(topology).platform(platform).build();
        this.baselines = new Baselines(cpus);
    }

    int reps() {
        return quick ? 3 : 5;
    }

    /** The result of the latest {@link #timedRun}. */
    RunResult last() {
        return last;
    }

    /** Runs {@code once} a warm-up time then {@code reps} times; returns the median in ns. */
    static double median(int warmups, int reps, LongSupplier once) {
        for (int i = 0; i < warmups; i++) {
            long unused = once.getAsLong(); // a warm-up: its time is not kept
        }
        double[] xs = new double[reps];
        for (int i = 0; i < reps; i++) xs[i] = once.getAsLong();
        return Stats.median(xs);
    }

    /** The shortest of {@code reps} runs, in ns: what the system can do when the machine lets it. */
    static double best(int reps, LongSupplier once) {
        double b = Double.POSITIVE_INFINITY;
        for (int i = 0; i < reps; i++) b = Math.min(b, once.getAsLong());
        return b;
    }

    /** Wall time of one {@code Runtime.run}, on the watchdog's daemon thread. */
    long timedRun(Orchestration o) {
        Future<Long> f = runner.submit(() -> {
            long t0 = System.nanoTime();
            last = runtime.run(o);
            return System.nanoTime() - t0;
        });
        try {
            return f.get(EndToEnd.RUN_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            runner.shutdownNow();
            runner = newRunner();
            throw new IllegalStateException("a run on the threaded platform did not finish within "
                    + EndToEnd.RUN_TIMEOUT_S + " s: the runtime hung (some task never completed)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static ExecutorService newRunner() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "tessera-bench-run");
            t.setDaemon(true);
            return t;
        });
    }

    @FormatMethod
    void say(@FormatString String fmt, Object... args) {
        if (log != null) log.println(String.format(Locale.ROOT, fmt, args));
    }

    /** Submits {@code n} copies of what {@code spec} builds, in scopes of {@link EndToEnd#SCOPE_CHUNK}. */
    static void submitChunked(Orchestrator orch, int n, IntFunction<TaskSpec> spec) {
        int i = 0;
        while (i < n) {
            int end = Math.min(n, i + EndToEnd.SCOPE_CHUNK);
            try (Scope _ = orch.scope()) {
                for (; i < end; i++) orch.submit(spec.apply(i));
            }
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
        baselines.close();
        runtime.close();
        arena.close();
    }
}
