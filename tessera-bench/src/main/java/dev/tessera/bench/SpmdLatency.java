package dev.tessera.bench;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestration;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import org.HdrHistogram.Histogram;

/**
 * One SPMD task of some blocks at a time: latency from submit to the end of the last block,
 * first-block start and start spread, as HdrHistogram distributions.
 */
final class SpmdLatency {
    private SpmdLatency() {}

    static void measure(EndToEndHarness h, BenchResults r, int blocks) {
        int reps = h.quick ? 30 : 200;
        long[] starts = new long[blocks];
        long[] ends = new long[blocks];
        Kernel k = Kernel.of("spmd", ctx -> {
            starts[ctx.blockIdx()] = System.nanoTime();
            ends[ctx.blockIdx()] = System.nanoTime();
        });
        Tensor flag = Tensor.allocate(h.arena, DType.FP32, 1);
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
        long warmUntil = System.nanoTime() + (h.quick ? 1_500_000_000L : 4_000_000_000L);
        do h.timedRun(warmUp);
        while (System.nanoTime() < warmUntil); // the JIT needs a while for the idle/wake paths
        h.timedRun(o -> {
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                o.submit(spec);
                o.readElement(flag, 0); // waits until the task has finished
                recordBlocks(t0, starts, ends, latency, firstStart, spread);
            }
        });
        Histogram fjLatency = new Histogram(3_600_000_000_000L, 3);
        for (int i = 0; i < reps * 2; i++) {
            long t0 = h.baselines.forkJoinSpmd(blocks, starts, ends);
            if (i >= reps) recordBlocks(t0, starts, ends, fjLatency, null, null);
        }
        h.say(
                "SPMD task of %d blocks (%d launches): latency p50 %.1f µs, p99 %.1f µs; first block after %.1f µs; start spread p50 %.1f µs;"
                        + " ForkJoinPool p50 %.1f µs",
                blocks, reps, us(latency, 50), us(latency, 99), us(firstStart, 50), us(spread, 50), us(fjLatency, 50));
        String what = "one " + blocks + "-block AIV task of empty blocks on " + h.topology.name()
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
}
