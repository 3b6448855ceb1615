package dev.tessera.bench.jmh;

import dev.tessera.bench.SchedulerWorkload;
import dev.tessera.scheduler.DispatchPolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scheduler's cost per dispatched block (see {@link SchedulerWorkload}): the real
 * {@code Scheduler} loop of one scheduler owning {@code clusters} clusters, against cores that
 * finish the moment they are posted to, runs a batch of {@value #BLOCKS} blocks of independent
 * AIV tasks of {@code blocks} blocks each to completion. Submitting the batch is untimed. One op =
 * one block: wiring, ready queues, claim, payload, register write, completion poll, completion and
 * release, and the loop overhead, all amortised per block.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SchedulerLoopBench {
    /** Blocks per timed batch: a whole number of tasks for every {@code blocks} value below. */
    public static final int BLOCKS = 960;

    @Param({"1", "24", "96", "960"})
    int blocks;

    @Param({"8", "24"})
    int clusters;

    @Param({"parallel", "serial"})
    String policy;

    SchedulerWorkload w;

    @Setup(Level.Trial)
    public void setup() {
        w = new SchedulerWorkload(clusters, blocks, DispatchPolicy.parse(policy), BLOCKS);
        if (w.blocksPerBatch() != BLOCKS) throw new IllegalStateException("batch of " + w.blocksPerBatch() + " blocks");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        w.close();
    }

    @Setup(Level.Invocation)
    public void submitBatch() {
        w.submitBatch();
    }

    @Benchmark
    @OperationsPerInvocation(BLOCKS)
    public long schedule() {
        return w.schedule();
    }
}
