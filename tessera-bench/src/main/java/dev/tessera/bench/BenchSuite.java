package dev.tessera.bench;

import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The benchmark suite behind {@code tessera bench}: the headline figures of the runtime, measured in
 * this JVM, printed as a table and returned for JSON export.
 *
 * <p>Figures (all medians):
 * <ul>
 *   <li>{@code submit_ns_per_task}: CPU time of one {@code Orchestrator.submit} of a task with
 *       2 inputs and 1 output (INOUT) whose producers the TensorMap finds, spec built beforehand,
 *       on the runtime's own orchestrator driven in-thread ({@link SubmitWorkload}).</li>
 *   <li>{@code dispatch_ns_per_block}: CPU time of the real scheduler loop per dispatched block,
 *       one scheduler owning 8 clusters (a third of a2a3), 24-block AIV tasks, against cores that
 *       finish the moment they are posted to, so it covers the scheduler's whole share of a block
 *       (wiring, queue, claim, payload, register write, completion poll, completion, release) and
 *       excludes kernels, waking a parked core and idle back-off ({@link SchedulerWorkload}).</li>
 *   <li>{@code independent_tasks_per_s}, chains, fan-out/in, SPMD latency, {@code metg50_us} and
 *       the ForkJoinPool / CompletableFuture baselines: {@link EndToEnd} on the threaded platform
 *       and the {@code host} topology.</li>
 * </ul>
 * {@code quick} keeps every phase short (well under a minute on a quiet 2-CPU machine, a few
 * minutes at worst on a loaded one); the full run takes a few minutes.
 */
public final class BenchSuite {
    private BenchSuite() {}

    /** Runs the suite; progress and the final table go to {@code out}. */
    public static BenchResults run(boolean quick, PrintStream out) {
        long t0 = System.nanoTime();
        BenchResults r = new BenchResults();
        long warm = quick ? 500 : 2_000;
        long measure = quick ? 1_500 : 5_000;
        out.println("tessera bench" + (quick ? " --quick" : "") + ": in-thread orchestrator and scheduler costs");

        figure(
                r,
                out,
                "submit_ns_per_task",
                "≤ 300",
                "submit, 2 inputs + 1 output, short writer chain",
                "task",
                "Orchestrator.submit, 2 inputs + 1 INOUT output, producers found in the TensorMap, spec prebuilt; orchestrator CPU"
                        + " time, in-thread",
                () -> InThreadMeasurements.submit(3, 1, false, warm, measure));
        figure(
                r,
                out,
                "submit_with_spec_ns_per_task",
                null,
                "spec build + submit, 2 inputs + 1 output",
                "task",
                "same, TaskSpec built per task as user code does",
                () -> InThreadMeasurements.submit(3, 1, true, warm, measure));
        figure(
                r,
                out,
                "submit_long_chain_ns_per_task",
                null,
                "submit, 2 inputs + 1 output, 64 writers per buffer",
                "task",
                "same, every lookup walks 64 live writers of its buffer",
                () -> InThreadMeasurements.submit(3, 64, false, warm, measure));
        if (!quick) {
            figure(
                    r,
                    out,
                    "submit_16args_ns_per_task",
                    null,
                    "submit, 15 inputs + 1 output",
                    "task",
                    "15 inputs + 1 INOUT output, short writer chains",
                    () -> InThreadMeasurements.submit(16, 1, false, warm, measure));
        }
        figure(
                r,
                out,
                "dispatch_ns_per_block",
                "≤ 150",
                "scheduler per block, 24-block tasks, 8 clusters",
                "block",
                "scheduler loop CPU time per dispatched block: 24-block AIV tasks, one scheduler of 8 clusters, instantly finishing"
                        + " cores (no wake-ups, no kernels)",
                () -> InThreadMeasurements.dispatch(8, 24, DispatchPolicy.PARALLEL, warm, measure));
        figure(
                r,
                out,
                "dispatch_ns_per_1block_task",
                null,
                "scheduler per task, 1-block tasks, 8 clusters",
                "task",
                "same for 1-block tasks: all per-task work (wiring, queue, completion, release) lands on its one block",
                () -> InThreadMeasurements.dispatch(8, 1, DispatchPolicy.PARALLEL, warm, measure));
        if (!quick) {
            figure(
                    r,
                    out,
                    "dispatch_ns_per_block_serial",
                    null,
                    "same, SERIAL policy (before #827)",
                    "block",
                    "dispatch_ns_per_block with the SERIAL policy",
                    () -> InThreadMeasurements.dispatch(8, 24, DispatchPolicy.SERIAL, warm, measure));
            figure(
                    r,
                    out,
                    "dispatch_ns_per_block_1024",
                    null,
                    "scheduler per block, 1024-block tasks, 24 clusters",
                    "block",
                    "1024-block AIV tasks, one scheduler of 24 clusters",
                    () -> InThreadMeasurements.dispatch(24, 1024, DispatchPolicy.PARALLEL, warm, measure));
        }

        out.println("qk-demo, threaded platform, a2a3: makespan against the compute floor");
        try {
            r.addAll(new QkDemoFigures(quick, out).run());
        } catch (RuntimeException e) {
            out.println("  qk-demo: FAILED: " + e);
            r.add("qk_makespan_over_floor", "x", Double.NaN, "not measured: " + e, "≤ 1.3");
        }

        out.println("end to end, threaded platform, " + Topology.host());
        try (EndToEnd e2e = new EndToEnd(quick, Topology.host(), out)) {
            r.addAll(e2e.run());
        }
        describeEnvironment(r, quick);
        r.environment("suite_seconds", String.format(Locale.ROOT, "%.0f", (System.nanoTime() - t0) / 1e9));
        out.println();
        r.printTable(out);
        return r;
    }

    /** Writes {@code results} as JSON to {@code file}. */
    public static void writeJson(BenchResults results, Path file) throws IOException {
        results.writeJson(file);
    }

    /** Measures one in-thread figure (its CPU-time median); a failure is reported and leaves it empty. */
    private static void figure(
            BenchResults r,
            PrintStream out,
            String name,
            String target,
            String label,
            String per,
            String description,
            Supplier<InThreadMeasurements.PerOp> measure) {
        try {
            InThreadMeasurements.PerOp p = measure.get();
            out.println(String.format(
                    Locale.ROOT,
                    "  %-52s %8.1f ns/%s CPU  (%.1f ns wall, %d samples)",
                    label,
                    p.cpuNs(),
                    per,
                    p.wallNs(),
                    p.samples()));
            r.add(name, "ns", p.cpuNs(), description, target);
        } catch (RuntimeException e) {
            out.println("  " + label + ": FAILED: " + e);
            r.add(name, "ns", Double.NaN, "not measured: " + e, target);
        }
    }

    /** Machine, JDK and load, so figures can be compared honestly. */
    static void describeEnvironment(BenchResults r, boolean quick) {
        r.environment("mode", quick ? "quick" : "full");
        r.environment("cpus", Integer.toString(java.lang.Runtime.getRuntime().availableProcessors()));
        r.environment("cpu_model", cpuModel());
        r.environment("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        r.environment(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        r.environment(
                "load_average",
                String.format(
                        Locale.ROOT,
                        "%.2f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        r.environment("topology", Topology.host().toString());
        r.environment(
                "core_executor",
                dev.tessera.platform.threaded.CoreExecutor.auto()
                                .resolve(
                                        Topology.host(),
                                        java.lang.Runtime.getRuntime().availableProcessors())
                        + " on host; pooled on a2a3 unless " + dev.tessera.platform.threaded.CoreExecutor.PROPERTY
                        + " says otherwise");
        r.environment("date", Instant.now().toString());
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name"))
                    return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    /** {@code BenchSuite [--quick] [--json FILE]}. */
    public static void main(String[] args) throws IOException {
        boolean quick = false;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--json" -> json = Path.of(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i] + ": use [--quick] [--json FILE]");
            }
        }
        BenchResults r = run(quick, System.out);
        if (json != null) {
            writeJson(r, json);
            System.out.println("wrote " + json);
        }
    }
}
