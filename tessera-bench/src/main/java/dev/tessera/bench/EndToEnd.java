package dev.tessera.bench;

import dev.tessera.topology.Topology;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * End-to-end figures on the threaded platform (real scheduler and core threads, wall-clock time),
 * with the same graphs on a {@link java.util.concurrent.ForkJoinPool} and on
 * {@link java.util.concurrent.CompletableFuture} stages as baselines, in the same JVM, one class
 * per graph:
 * <ul>
 *   <li>{@link WakeFloor}: the park/unpark hand-off floor of this machine;</li>
 *   <li>{@link RunOverhead}: a run of one empty task;</li>
 *   <li>{@link IndependentTasks}: independent empty tasks: throughput;</li>
 *   <li>{@link ChainGraph}: a chain of empty tasks (each depends on the one before): time per link;</li>
 *   <li>{@link FanGraph}: fan-out / fan-in rounds (source → {@value #FAN_WIDTH} tasks → sink): throughput;</li>
 *   <li>{@link SpmdLatency}: one SPMD task of 24, 96 and 1024 blocks: latency from submit to the
 *       end of the last block, first-block start and start spread, as HdrHistogram distributions;</li>
 *   <li>{@link MetgSearch}: METG(50%): the smallest busy-kernel duration at which independent
 *       tasks still run at ≥ 50% efficiency on the machine's CPUs (Task-Bench's metric), for the
 *       runtime and for the ForkJoinPool.</li>
 * </ul>
 * Default topology: {@link Topology#host()}, sized to this machine. Tasks are AIV tasks of one
 * block unless said otherwise; long graphs are submitted in scopes of {@value #SCOPE_CHUNK} tasks,
 * as a real orchestration must, so finished tasks can retire.
 *
 * <p>Every run goes through a watchdog ({@link EndToEndHarness#timedRun}): a run that has not
 * returned after {@link #RUN_TIMEOUT_S} seconds (a lost task never completes, and the runtime has
 * no detector for that) fails its phase with a clear message instead of hanging the suite. Runs
 * are started from a daemon thread, so the runtime's threads are daemons too and a hung run
 * cannot keep the JVM alive.
 */
public final class EndToEnd implements AutoCloseable {
    public static final int SCOPE_CHUNK = 1024;
    static final int FAN_WIDTH = 32;
    static final double METG_GOAL = 0.5;
    static final long RUN_TIMEOUT_S = 120;

    private final EndToEndHarness h;

    public EndToEnd(boolean quick, Topology topology, PrintStream log) {
        this.h = new EndToEndHarness(quick, topology, log);
    }

    public Topology topology() {
        return h.topology;
    }

    /** Runs every end-to-end figure; a phase that fails is reported and its figures left empty. */
    public BenchResults run() {
        BenchResults r = new BenchResults();
        phase(r, () -> WakeFloor.measure(h, r), "park_unpark_roundtrip_us");
        phase(r, () -> RunOverhead.measure(h, r), "run_overhead_us");
        double[] perTask = {Double.NaN};
        phase(
                r,
                () -> perTask[0] = IndependentTasks.measure(h, r),
                "independent_tasks_per_s",
                "forkjoin_independent_tasks_per_s");
        phase(r, () -> ChainGraph.measure(h, r), "chain_ns_per_task");
        phase(r, () -> FanGraph.measure(h, r), "fanout_fanin_tasks_per_s");
        for (int blocks : new int[] {24, 96, 1024})
            phase(r, () -> SpmdLatency.measure(h, r, blocks), "spmd" + blocks + "_latency_p50_us");
        phase(r, () -> MetgSearch.measure(h, r, perTask[0]), "metg50_us", "forkjoin_metg50_us");
        return r;
    }

    /** Runs one phase; if it fails, says why and records its headline figures as not measured. */
    private void phase(BenchResults r, Runnable body, String... headline) {
        try {
            body.run();
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            h.say("FAILED: %s", why);
            for (String name : headline) {
                if (Double.isNaN(r.value(name))) r.add(name, "", Double.NaN, "not measured: " + why);
            }
        }
    }

    @Override
    public void close() {
        h.close();
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
