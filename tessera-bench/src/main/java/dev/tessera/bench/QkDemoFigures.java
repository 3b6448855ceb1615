package dev.tessera.bench;

import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;
import dev.tessera.api.Kernel;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.qk.QkDemoExample;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.platform.threaded.CoreExecutor;
import dev.tessera.topology.Topology;
import dev.tessera.verify.ObservedKernel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * qk-demo on a2a3, threaded: its makespan against the compute floor, both measured in this JVM.
 *
 * <ul>
 *   <li>{@code qk_floor_ms}: every block's kernel run back to back on one thread (the best of a few
 *       passes, after warm-up), divided by the CPUs: no runtime could finish sooner.</li>
 *   <li>{@code qk_makespan_ms}: the median makespan of the threaded runs (first dispatch to last
 *       FIN seen) with the default core executor ({@code auto}: pooled on a machine with fewer CPUs
 *       than a2a3's 76 threads); {@code qk_makespan_over_floor} its ratio to the floor.</li>
 *   <li>the same with dedicated cores (a thread per core), for comparison;</li>
 *   <li>{@code qk_threads}: the most Tessera threads alive during a run, seen from its kernels.</li>
 * </ul>
 * The blocks to replay are captured from one sim run of the same example (the sim runs each
 * kernel once, in simulated-time order), so the floor runs exactly the kernels the threaded runs do.
 */
final class QkDemoFigures {
    private static final Topology A2A3 = Topology.a2a3();

    private final boolean quick;
    private final PrintStream log;
    private final int cpus = java.lang.Runtime.getRuntime().availableProcessors();

    QkDemoFigures(boolean quick, PrintStream log) {
        this.quick = quick;
        this.log = log;
    }

    BenchResults run() {
        BenchResults r = new BenchResults();
        QkDemoExample example = new QkDemoExample();
        try (ExampleInstance instance = example.instantiate(A2A3)) {
            List<DispatchPayload> blocks = capture(instance);
            double floorNs = serialNs(blocks) / cpus;
            say(
                    "qk-demo on a2a3: %d blocks, compute floor %.2f ms (serial kernels ÷ %d CPUs)",
                    blocks.size(), floorNs / 1e6, cpus);
            r.add(
                    "qk_floor_ms",
                    "ms",
                    floorNs / 1e6,
                    "qk-demo a2a3: all " + blocks.size() + " blocks' kernels back to back on one thread,"
                            + " best of passes, ÷ CPUs");
            measure(r, instance, CoreExecutor.auto(), "", floorNs);
            measure(r, instance, CoreExecutor.dedicated(), "_dedicated", floorNs);
        }
        return r;
    }

    private void measure(
            BenchResults r, ExampleInstance instance, CoreExecutor executor, String suffix, double floorNs) {
        int warmups = quick ? 3 : 5;
        int reps = quick ? 5 : 11;
        AtomicInteger threads = new AtomicInteger();
        AtomicInteger sampled = new AtomicInteger();
        double[] makespans = new double[reps];
        try (Runtime rt = Runtime.builder()
                .topology(A2A3)
                .coreExecutor(executor)
                .observer(p -> {
                    // one look per run at how many Tessera threads exist: cheap enough for 96 blocks
                    if (sampled.compareAndSet(0, 1)) threads.accumulateAndGet(tesseraThreads(), Math::max);
                })
                .build()) {
            for (int i = 0; i < warmups + reps; i++) {
                sampled.set(0);
                RunResult res = rt.run(instance.orchestration());
                if (!instance.verify().passed())
                    throw new IllegalStateException(
                            "qk-demo failed its golden: " + instance.verify().describe());
                if (i >= warmups) makespans[i - warmups] = res.makespanNs();
            }
        }
        double median = Stats.median(makespans);
        String resolved = executor.resolve(A2A3, cpus).toString();
        say(
                "  %s cores (%s): makespan p50 %.2f ms (min %.2f, max %.2f) = %.2f x floor; %d Tessera threads",
                executor,
                resolved,
                median / 1e6,
                Arrays.stream(makespans).min().orElse(0) / 1e6,
                Arrays.stream(makespans).max().orElse(0) / 1e6,
                median / floorNs,
                threads.get());
        String what =
                suffix.isEmpty() ? "default core executor (" + executor + " → " + resolved + ")" : resolved + " cores";
        r.add(
                "qk_makespan" + suffix + "_ms",
                "ms",
                median / 1e6,
                "qk-demo, threaded, a2a3, " + what + ": median makespan of " + reps + " runs after " + warmups
                        + " warm-ups");
        r.add(
                "qk_makespan" + suffix + "_over_floor",
                "x",
                median / floorNs,
                "that makespan ÷ qk_floor_ms",
                suffix.isEmpty() ? "≤ 1.3" : null);
        r.add(
                "qk_threads" + suffix,
                "threads",
                threads.get(),
                "most Tessera threads alive during those runs (" + what + ")",
                suffix.isEmpty() ? "≤ " + (cpus + A2A3.schedulers() + 1) : null);
    }

    /** The payload of every block the example runs, from one sim run. */
    private static List<DispatchPayload> capture(ExampleInstance instance) {
        ConcurrentLinkedQueue<DispatchPayload> seen = new ConcurrentLinkedQueue<>();
        try (Runtime rt = Runtime.builder()
                .topology(A2A3)
                .platform(new SimPlatform(CostModel.preset("a2a3"), true, false))
                .observer(p -> seen.add(copy(p)))
                .build()) {
            rt.run(instance.orchestration());
        }
        return new ArrayList<>(seen);
    }

    private static DispatchPayload copy(DispatchPayload p) {
        DispatchPayload c = new DispatchPayload(p.coreId(), p.clusterId(), p.coreType(), p.subBlockId());
        Kernel k = p.kernel;
        c.kernel = k instanceof ObservedKernel o ? o.kernel() : k;
        c.tensors = Arrays.copyOf(p.tensors, p.tensorCount);
        c.tensorCount = p.tensorCount;
        c.scalars = Arrays.copyOf(p.scalars, p.scalarCount);
        c.scalarCount = p.scalarCount;
        c.taskId = p.taskId;
        c.blockIdx = p.blockIdx;
        c.blockNum = p.blockNum;
        c.lane = p.lane;
        c.task = p.task;
        return c;
    }

    /** Best wall time of running every block once, in order, on this thread. */
    private double serialNs(List<DispatchPayload> blocks) {
        int warmups = quick ? 3 : 5;
        int passes = quick ? 5 : 9;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < warmups + passes; i++) {
            long t0 = System.nanoTime();
            for (DispatchPayload p : blocks) p.kernel.run(p);
            long ns = System.nanoTime() - t0;
            if (i >= warmups) best = Math.min(best, ns);
        }
        return best;
    }

    private static int tesseraThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet())
            if (t.getName().startsWith("tessera-") && !t.getName().startsWith("tessera-bench")) n++;
        return n;
    }

    @FormatMethod
    private void say(@FormatString String fmt, Object... args) {
        if (log != null) log.println(String.format(Locale.ROOT, fmt, args));
    }

    /** {@code QkDemoFigures [--quick]}: just these figures. */
    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        BenchResults r = new QkDemoFigures(quick, System.out).run();
        r.printTable(System.out);
    }
}
