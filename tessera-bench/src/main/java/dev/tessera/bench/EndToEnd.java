package dev.tessera.bench;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;
import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestration;
import dev.tessera.api.Orchestrator;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.Scope;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.platform.threaded.ThreadedPlatform;
import dev.tessera.topology.Topology;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * End-to-end figures on the threaded platform (real scheduler and core threads, wall-clock time),
 * with the same graphs on a {@link java.util.concurrent.ForkJoinPool} and on
 * {@link java.util.concurrent.CompletableFuture} stages as baselines, in the same JVM:
 * <ul>
 *   <li>independent empty tasks: throughput;</li>
 *   <li>a chain of empty tasks (each depends on the one before): time per link;</li>
 *   <li>fan-out / fan-in rounds (source → {@value #FAN_WIDTH} tasks → sink): throughput;</li>
 *   <li>one SPMD task of 24, 96 and 1024 blocks: latency from submit to the end of the last
 *       block, first-block start and start spread, as HdrHistogram distributions;</li>
 *   <li>METG(50%): the smallest busy-kernel duration at which independent tasks still run at
 *       ≥ 50% efficiency on the machine's CPUs (Task-Bench's metric), for the runtime and for the
 *       ForkJoinPool.</li>
 * </ul>
 * Default topology: {@link Topology#host()}, sized to this machine. Tasks are AIV tasks of one
 * block unless said otherwise; long graphs are submitted in scopes of {@value #SCOPE_CHUNK} tasks,
 * as a real orchestration must, so finished tasks can retire.
 *
 * <p>Every run goes through a watchdog: a run that has not returned after
 * {@link #RUN_TIMEOUT_S} seconds (a lost task never completes, and the runtime has no detector for
 * that) fails its phase with a clear message instead of hanging the suite. Runs are started from a
 * daemon thread, so the runtime's threads are daemons too and a hung run cannot keep the JVM alive.
 */
public final class EndToEnd implements AutoCloseable {
    public static final int SCOPE_CHUNK = 1024;
    static final int FAN_WIDTH = 32;
    static final double METG_GOAL = 0.5;
    static final long RUN_TIMEOUT_S = 120;

    private final boolean quick;
    private final PrintStream log;
    private final Topology topology;
    private final int cpus = java.lang.Runtime.getRuntime().availableProcessors();
    private final MeasuringPlatform platform = new MeasuringPlatform(new ThreadedPlatform());
    private final Runtime runtime;
    private final Baselines baselines;
    private final Arena arena = Arena.ofShared();
    private final Kernel empty = Kernel.of("empty", ctx -> {});
    private RunResult last;
    private ExecutorService runner = newRunner();

    public EndToEnd(boolean quick, Topology topology, PrintStream log) {
        this.quick = quick;
        this.log = log;
        this.topology = topology;
        this.runtime = Runtime.builder().topology(topology).platform(platform).build();
        this.baselines = new Baselines(cpus);
    }

    public Topology topology() {
        return topology;
    }

    /** Runs every end-to-end figure; a phase that fails is reported and its figures left empty. */
    public BenchResults run() {
        BenchResults r = new BenchResults();
        phase(r, () -> wake(r), "park_unpark_roundtrip_us");
        phase(r, () -> startup(r), "run_overhead_us");
        double[] perTask = {Double.NaN};
        phase(r, () -> perTask[0] = independent(r), "independent_tasks_per_s", "forkjoin_independent_tasks_per_s");
        phase(r, () -> chain(r), "chain_ns_per_task");
        phase(r, () -> fan(r), "fanout_fanin_tasks_per_s");
        for (int blocks : new int[] {24, 96, 1024})
            phase(r, () -> spmd(r, blocks), "spmd" + blocks + "_latency_p50_us");
        phase(r, () -> metg(r, perTask[0]), "metg50_us", "forkjoin_metg50_us");
        return r;
    }

    /** Runs one phase; if it fails, says why and records its headline figures as not measured. */
    private void phase(BenchResults r, Runnable body, String... headline) {
        try {
            body.run();
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            say("FAILED: %s", why);
            for (String name : headline) {
                if (Double.isNaN(r.value(name))) r.add(name, "", Double.NaN, "not measured: " + why);
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private int reps() {
        return quick ? 3 : 5;
    }

    /** Runs {@code once} a warm-up time then {@code reps} times; returns the median in ns. */
    private static double median(int warmups, int reps, LongSupplier once) {
        for (int i = 0; i < warmups; i++) {
            long unused = once.getAsLong(); // a warm-up: its time is not kept
        }
        double[] xs = new double[reps];
        for (int i = 0; i < reps; i++) xs[i] = once.getAsLong();
        return Stats.median(xs);
    }

    /** The shortest of {@code reps} runs, in ns: what the system can do when the machine lets it. */
    private static double best(int reps, LongSupplier once) {
        double b = Double.POSITIVE_INFINITY;
        for (int i = 0; i < reps; i++) b = Math.min(b, once.getAsLong());
        return b;
    }

    /** Wall time of one {@code Runtime.run}, on the watchdog's daemon thread. */
    private long timedRun(Orchestration o) {
        Future<Long> f = runner.submit(() -> {
            long t0 = System.nanoTime();
            last = runtime.run(o);
            return System.nanoTime() - t0;
        });
        try {
            return f.get(RUN_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            runner.shutdownNow();
            runner = newRunner();
            throw new IllegalStateException("a run on the threaded platform did not finish within " + RUN_TIMEOUT_S
                    + " s: the runtime hung (some task never completed)");
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
    private void say(@FormatString String fmt, Object... args) {
        if (log != null) log.println(String.format(Locale.ROOT, fmt, args));
    }

    /** Submits {@code n} copies of what {@code spec} builds, in scopes of {@link #SCOPE_CHUNK}. */
    private static void submitChunked(Orchestrator orch, int n, java.util.function.IntFunction<TaskSpec> spec) {
        int i = 0;
        while (i < n) {
            int end = Math.min(n, i + SCOPE_CHUNK);
            try (Scope _ = orch.scope()) {
                for (; i < end; i++) orch.submit(spec.apply(i));
            }
        }
    }

    // ---- the graphs ----------------------------------------------------------------------------

    /** The machine's thread hand-off floor: what a wake-up of a parked core costs at least. */
    private void wake(BenchResults r) {
        int trips = quick ? 5_000 : 20_000;
        WakeLatency.roundTripNs(true, trips / 5); // warm-up
        double park = WakeLatency.roundTripNs(true, trips);
        WakeLatency.roundTripNs(false, trips / 5);
        double spin = WakeLatency.roundTripNs(false, trips);
        say("thread hand-off round trip: park/unpark %.1f µs, spinning %.2f µs", park / 1e3, spin / 1e3);
        r.add(
                "park_unpark_roundtrip_us",
                "us",
                park / 1e3,
                "two threads passing a turn with LockSupport.park/unpark: the cost floor of waking a parked core");
        r.add("spin_roundtrip_us", "us", spin / 1e3, "the same hand-off with both threads spinning");
    }

    /** Wall time of a run with one empty task: thread start-up and shutdown of one run. */
    private void startup(BenchResults r) {
        double ns = median(3, quick ? 5 : 11, () -> timedRun(orch -> orch.submit(TaskSpec.aiv(empty))));
        say(
                "run with one empty task: %.0f µs (start and stop of %d core + %d scheduler + 1 orchestrator threads)",
                ns / 1e3, topology.cores(), topology.schedulers());
        r.add(
                "run_overhead_us",
                "us",
                ns / 1e3,
                "wall time of Runtime.run with one empty task (threads started and joined per run)");
    }

    /** Independent empty tasks; returns the runtime's wall ns per task. */
    private double independent(BenchResults r) {
        int n = quick ? 200_000 : 1_000_000;
        double[] walls = new double[reps()];
        double[] schedPerBlock = new double[reps()];
        double[] orchPerTask = new double[reps()];
        for (int k = 0; k < (quick ? 2 : 3); k++)
            timedRun(o -> submitChunked(o, n, i -> TaskSpec.aiv(empty))); // JIT warm-up
        for (int k = 0; k < walls.length; k++) {
            walls[k] = timedRun(o -> submitChunked(o, n, i -> TaskSpec.aiv(empty)));
            if (last.blocks() != n) throw new IllegalStateException("ran " + last.blocks() + " blocks, expected " + n);
            schedPerBlock[k] = (double) platform.schedulerCpuNs() / n;
            orchPerTask[k] = (double) platform.orchestratorCpuNs() / n;
        }
        double wall = Stats.median(walls);
        double tps = n / (wall / 1e9);
        double bestTps = n / (Stats.min(walls) / 1e9);
        double fj = n / (median(1, reps(), () -> baselines.forkJoinIndependent(n, 0)) / 1e9);
        double cf = n / (median(1, reps(), () -> baselines.completableFutureIndependent(n, 0)) / 1e9);
        say(
                "independent empty tasks (n=%d): tessera %,.0f/s (best %,.0f/s), ForkJoinPool %,.0f/s, CompletableFuture %,.0f/s",
                n, tps, bestTps, fj, cf);
        say(
                "  tessera threads: scheduler CPU %.0f ns/block, orchestrator CPU %.0f ns/task",
                Stats.median(schedPerBlock), Stats.median(orchPerTask));
        r.add(
                "independent_tasks_per_s",
                "tasks/s",
                tps,
                n + " independent empty 1-block AIV tasks, submit to last completion, " + topology.name()
                        + " topology, threaded, median of " + walls.length + " runs",
                "≥ 1,000,000");
        r.add("independent_tasks_per_s_best", "tasks/s", bestTps, "same, best run");
        r.add(
                "forkjoin_independent_tasks_per_s",
                "tasks/s",
                fj,
                "same graph: ForkJoinPool(" + cpus + "), fork all then join all");
        r.add(
                "cf_independent_tasks_per_s",
                "tasks/s",
                cf,
                "same graph: CompletableFuture.runAsync on the same pool, allOf");
        r.add(
                "threaded_sched_cpu_ns_per_block",
                "ns",
                Stats.median(schedPerBlock),
                "in that run: scheduler threads' CPU time / blocks, including idle spinning and waking parked cores");
        r.add(
                "threaded_orch_cpu_ns_per_task",
                "ns",
                Stats.median(orchPerTask),
                "in that run: orchestrator thread CPU time / tasks, including spec building and ring back-pressure");
        return wall / n;
    }

    private void chain(BenchResults r) {
        int n = quick ? 20_000 : 100_000;
        Tensor x = Tensor.allocate(arena, DType.FP32, 16);
        TaskSpec link = TaskSpec.aiv(empty).inout(x).named("link");
        double t = median(1, reps(), () -> timedRun(o -> submitChunked(o, n, i -> link))) / n;
        double fj = median(1, reps(), () -> baselines.forkJoinChain(n)) / n;
        double cf = median(1, reps(), () -> baselines.completableFutureChain(n)) / n;
        say(
                "chain of %d empty tasks: tessera %.2f µs/link, ForkJoinPool %.2f µs/link, CompletableFuture %.2f µs/link",
                n, t / 1e3, fj / 1e3, cf / 1e3);
        r.add(
                "chain_ns_per_task",
                "ns",
                t,
                n + " empty tasks, each INOUT on the same tensor: one dependency hop per task");
        r.add("forkjoin_chain_ns_per_task", "ns", fj, "same chain: each ForkJoinTask forks its successor");
        r.add("cf_chain_ns_per_task", "ns", cf, "same chain: thenRunAsync stages");
    }

    private void fan(BenchResults r) {
        int rounds = quick ? 500 : 2_000;
        int w = FAN_WIDTH;
        Tensor x = Tensor.allocate(arena, DType.FP32, 16);
        Tensor y = Tensor.allocate(arena, DType.FP32, w, 16);
        Tensor z = Tensor.allocate(arena, DType.FP32, 16);
        TaskSpec src = TaskSpec.aiv(empty).inout(x).named("src");
        TaskSpec[] mid = new TaskSpec[w];
        for (int i = 0; i < w; i++)
            mid[i] = TaskSpec.aiv(empty)
                    .input(x)
                    .inout(y.view(new long[] {1, 16}, new long[] {i, 0}))
                    .named("mid");
        TaskSpec sink = TaskSpec.aiv(empty).input(y).inout(z).named("sink");
        Orchestration graph = o -> {
            for (int k = 0; k < rounds; k++) {
                try (Scope _ = o.scope()) {
                    o.submit(src);
                    for (TaskSpec m : mid) o.submit(m);
                    o.submit(sink);
                }
            }
        };
        long tasks = (long) rounds * (w + 2);
        double t = tasks / (median(1, reps(), () -> timedRun(graph)) / 1e9);
        double fj = tasks / (median(1, reps(), () -> baselines.forkJoinFan(rounds, w)) / 1e9);
        double cf = tasks / (median(1, reps(), () -> baselines.completableFutureFan(rounds, w)) / 1e9);
        say(
                "fan-out/fan-in (%d rounds of 1 → %d → 1): tessera %,.0f tasks/s, ForkJoinPool %,.0f, CompletableFuture %,.0f",
                rounds, w, t, fj, cf);
        r.add(
                "fanout_fanin_tasks_per_s",
                "tasks/s",
                t,
                rounds + " rounds of source → " + w + " tasks → sink (sink reads all " + w
                        + " outputs through one TensorMap lookup)");
        r.add(
                "forkjoin_fanout_fanin_tasks_per_s",
                "tasks/s",
                fj,
                "same graph: fork/join source, invokeAll, fork/join sink");
        r.add("cf_fanout_fanin_tasks_per_s", "tasks/s", cf, "same graph: thenRunAsync stages and allOf");
    }

    /** One SPMD task of {@code blocks} empty blocks at a time: latency distributions. */
    private void spmd(BenchResults r, int blocks) {
        int reps = quick ? 30 : 200;
        long[] starts = new long[blocks];
        long[] ends = new long[blocks];
        Kernel k = Kernel.of("spmd", ctx -> {
            starts[ctx.blockIdx()] = System.nanoTime();
            ends[ctx.blockIdx()] = System.nanoTime();
        });
        Tensor flag = Tensor.allocate(arena, DType.FP32, 1);
        TaskSpec spec = TaskSpec.aiv(k).inout(flag).blocks(blocks).named("spmd" + blocks);
        Histogram latency = new Histogram(3_600_000_000_000L, 3);
        Histogram firstStart = new Histogram(3_600_000_000_000L, 3);
        Histogram spread = new Histogram(3_600_000_000_000L, 3);
        Orchestration warmUp = o -> {
            for (int i = 0; i < reps; i++) {
                o.submit(spec);
                o.readElement(flag, 0);
            }
        };
        long warmUntil = System.nanoTime() + (quick ? 1_500_000_000L : 4_000_000_000L);
        do timedRun(warmUp);
        while (System.nanoTime() < warmUntil); // the JIT needs a while for the idle/wake paths
        timedRun(o -> {
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                o.submit(spec);
                o.readElement(flag, 0); // waits until the task has finished
                recordBlocks(t0, starts, ends, latency, firstStart, spread);
            }
        });
        Histogram fjLatency = new Histogram(3_600_000_000_000L, 3);
        for (int i = 0; i < reps * 2; i++) {
            long t0 = baselines.forkJoinSpmd(blocks, starts, ends);
            if (i >= reps) recordBlocks(t0, starts, ends, fjLatency, null, null);
        }
        say(
                "SPMD task of %d blocks (%d launches): latency p50 %.1f µs, p99 %.1f µs; first block after %.1f µs; start spread p50 %.1f µs;"
                        + " ForkJoinPool p50 %.1f µs",
                blocks, reps, us(latency, 50), us(latency, 99), us(firstStart, 50), us(spread, 50), us(fjLatency, 50));
        String what = "one " + blocks + "-block AIV task of empty blocks on " + topology.name()
                + ": submit → end of last block";
        r.add("spmd" + blocks + "_latency_p50_us", "us", us(latency, 50), what + ", median of " + reps);
        r.add("spmd" + blocks + "_latency_p99_us", "us", us(latency, 99), what + ", 99th percentile");
        r.add(
                "spmd" + blocks + "_start_spread_p50_us",
                "us",
                us(spread, 50),
                "first to last block start of that task, median");
        r.add(
                "forkjoin_spmd" + blocks + "_latency_p50_us",
                "us",
                us(fjLatency, 50),
                "same: root task forks " + blocks + " tasks and joins them, median");
    }

    private static void recordBlocks(
            long t0, long[] starts, long[] ends, Histogram latency, Histogram firstStart, Histogram spread) {
        long minStart = Long.MAX_VALUE;
        long maxStart = Long.MIN_VALUE;
        long maxEnd = Long.MIN_VALUE;
        for (int b = 0; b < starts.length; b++) {
            minStart = Math.min(minStart, starts[b]);
            maxStart = Math.max(maxStart, starts[b]);
            maxEnd = Math.max(maxEnd, ends[b]);
        }
        latency.recordValue(Math.max(0, maxEnd - t0));
        if (firstStart != null) firstStart.recordValue(Math.max(0, minStart - t0));
        if (spread != null) spread.recordValue(Math.max(0, maxStart - minStart));
    }

    private static double us(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e3;
    }

    /**
     * METG(50%) of the runtime and of the ForkJoinPool. The graph at duration d: N independent
     * tasks of a {@link Spin} kernel of d µs, N chosen so the run takes about a fixed time
     * whatever d (using each system's measured per-task overhead), efficiency =
     * N·d / cpus / wall time, wall time being the best of 2 (quick) or 3 runs: background load
     * on a shared machine only ever lowers efficiency, so the best run is the system's own.
     */
    private void metg(BenchResults r, double tesseraNsPerTask) {
        double budgetNs = quick ? 60e6 : 200e6;
        int reps = quick ? 2 : 3;
        int bisections = quick ? 3 : 4;
        if (Double.isNaN(tesseraNsPerTask)) tesseraNsPerTask = 10_000; // independent phase failed: assume slow
        double tesseraOverhead = tesseraNsPerTask;
        double fjNsPerTask = baselines.forkJoinIndependent(200_000, 0) / 200_000.0;
        Spin.rate();
        Metg.Result tessera = Metg.search(
                d -> {
                    int n = tasksFor(d, tesseraOverhead, budgetNs);
                    Kernel spin = spinKernel(d);
                    double wall = best(reps, () -> timedRun(o -> submitChunked(o, n, i -> TaskSpec.aiv(spin))));
                    return n * d * 1e3 / cpus / wall;
                },
                METG_GOAL,
                bisections);
        Metg.Result fj = Metg.search(
                d -> {
                    int n = tasksFor(d, fjNsPerTask, budgetNs);
                    long iters = Spin.iterations(d);
                    double wall = best(reps, () -> baselines.forkJoinIndependent(n, iters));
                    return n * d * 1e3 / cpus / wall;
                },
                METG_GOAL,
                bisections);
        say(
                "METG(50%%) on %d CPUs: tessera %.2f µs, ForkJoinPool %.2f µs (kernel rate %.2f iterations/ns)",
                cpus, tessera.metgUs(), fj.metgUs(), Spin.rate());
        say("  tessera points: %s", points(tessera));
        say("  ForkJoinPool points: %s", points(fj));
        r.add(
                "metg50_us",
                "us",
                tessera.metgUs(),
                "smallest busy-kernel duration with ≥ 50% efficiency, independent 1-block AIV tasks on "
                        + topology.name() + " (" + cpus + " CPUs)",
                "≤ forkjoin_metg50_us");
        r.add("forkjoin_metg50_us", "us", fj.metgUs(), "same, ForkJoinPool(" + cpus + "), fork all then join all");
        if (!quick) {
            double cfNsPerTask = baselines.completableFutureIndependent(200_000, 0) / 200_000.0;
            Metg.Result cf = Metg.search(
                    d -> {
                        int n = tasksFor(d, cfNsPerTask, budgetNs);
                        long iters = Spin.iterations(d);
                        double wall = best(reps, () -> baselines.completableFutureIndependent(n, iters));
                        return n * d * 1e3 / cpus / wall;
                    },
                    METG_GOAL,
                    bisections);
            say("  CompletableFuture METG(50%%) %.2f µs, points: %s", cf.metgUs(), points(cf));
            r.add("cf_metg50_us", "us", cf.metgUs(), "same, CompletableFuture.runAsync on the pool");
        }
    }

    /** Tasks for a run of about {@code budgetNs}: ideal time and measured overhead both counted. */
    private int tasksFor(double micros, double overheadNsPerTask, double budgetNs) {
        double perTask = Math.max(micros * 1e3 / cpus, overheadNsPerTask);
        return (int) Math.max(200, Math.min(1_000_000, budgetNs / perTask));
    }

    private static Kernel spinKernel(double micros) {
        long iters = Spin.iterations(micros);
        return Kernel.of("spin", ctx -> Spin.work(iters));
    }

    private static String points(Metg.Result m) {
        StringBuilder sb = new StringBuilder();
        for (Metg.Point p : m.points()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(String.format(Locale.ROOT, "%.2fµs→%.0f%%", p.micros(), 100 * p.efficiency()));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        runner.shutdownNow();
        baselines.close();
        runtime.close();
        arena.close();
    }

    /** {@code EndToEnd [--quick] [--topology T] [--json FILE]}: prints the figures, optionally writes JSON. */
    @SuppressWarnings("ClosingStandardOutputStreams") // close() shuts the runner and runtime, never the log stream
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Topology topology = Topology.host();
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--topology" -> topology = Topology.parse(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i] + ": use [--quick] [--topology T] [--json FILE]");
            }
        }
        BenchResults r;
        try (EndToEnd e = new EndToEnd(quick, topology, System.out)) {
            System.out.println("end to end on " + topology + ", "
                    + java.lang.Runtime.getRuntime().availableProcessors() + " CPUs");
            r = e.run();
        }
        BenchSuite.describeEnvironment(r, quick);
        System.out.println();
        r.printTable(System.out);
        if (json != null) r.writeJson(json);
    }
}
