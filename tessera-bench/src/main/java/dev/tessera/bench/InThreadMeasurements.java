package dev.tessera.bench;

import dev.tessera.scheduler.DispatchPolicy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The in-thread figures of {@link BenchSuite}, timed without JMH so the suite can run inside the
 * CLI: each sample is one batch (1000 submits, or about 24 000 dispatched blocks), timed both as
 * this thread's CPU time (immune to other processes taking the CPU) and as wall time; after a
 * warm-up the figure is the median over the samples. The JMH benchmarks time the same workloads.
 */
public final class InThreadMeasurements {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Medians per operation (a task or a block), in ns, and how many samples they came from. */
    public record PerOp(double cpuNs, double wallNs, int samples) {}

    private InThreadMeasurements() {}

    /** ns per {@code submit} of task shape {@code args} / {@code writers} (see {@link SubmitWorkload}). */
    public static PerOp submit(int args, int writers, boolean buildSpec, long warmupMs, long measureMs) {
        try (SubmitWorkload w = new SubmitWorkload(args, writers)) {
            long[] sink = new long[1];
            Runnable batch = () -> {
                w.beginBatch();
                long acc = 0;
                if (buildSpec) {
                    for (int i = 0; i < SubmitWorkload.BATCH; i++) acc += w.buildAndSubmit(i);
                } else {
                    for (int i = 0; i < SubmitWorkload.BATCH; i++) acc += w.submitPrebuilt(i);
                }
                sink[0] += acc;
            };
            return sample(batch, w::endBatch, () -> {}, SubmitWorkload.BATCH, warmupMs, measureMs);
        }
    }

    /** Scheduler ns per dispatched block (see {@link SchedulerWorkload}). */
    public static PerOp dispatch(int clusters, int blocks, DispatchPolicy policy, long warmupMs, long measureMs) {
        try (SchedulerWorkload w = new SchedulerWorkload(clusters, blocks, policy, SchedulerWorkload.SUITE_BLOCKS)) {
            return sample(w::schedule, () -> {}, w::submitBatch, w.blocksPerBatch(), warmupMs, measureMs);
        }
    }

    /**
     * Runs {@code before} (untimed), {@code timed}, {@code after} (untimed) until the warm-up and
     * then the measuring time are used up; returns the medians of the timed part per operation.
     */
    static PerOp sample(
            Runnable timed, Runnable after, Runnable before, long opsPerSample, long warmupMs, long measureMs) {
        long end = System.nanoTime() + warmupMs * 1_000_000;
        while (System.nanoTime() < end) {
            before.run();
            timed.run();
            after.run();
        }
        double[] cpu = new double[1024];
        double[] wall = new double[1024];
        int n = 0;
        end = System.nanoTime() + measureMs * 1_000_000;
        while (n < 5 || System.nanoTime() < end) {
            before.run();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            timed.run();
            long w1 = System.nanoTime();
            long c1 = THREADS.getCurrentThreadCpuTime();
            after.run();
            if (n == cpu.length) {
                cpu = Arrays.copyOf(cpu, n * 2);
                wall = Arrays.copyOf(wall, n * 2);
            }
            cpu[n] = (double) (c1 - c0) / opsPerSample;
            wall[n] = (double) (w1 - w0) / opsPerSample;
            n++;
        }
        cpu = Arrays.copyOf(cpu, n);
        wall = Arrays.copyOf(wall, n);
        return new PerOp(Stats.median(cpu), Stats.median(wall), n);
    }
}
