package dev.tessera.bench.jmh;

import dev.tessera.bench.SubmitWorkload;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * One {@code Orchestrator.submit} with TensorMap lookups, orchestrator side only (see
 * {@link SubmitWorkload}: the runtime's own orchestrator in this thread; batches of 1000 submits
 * are timed, then retired untimed, so rings never fill and nothing is scheduled).
 *
 * <p>{@code args}: tensor arguments, one of them the INOUT output, the rest inputs (3 = "2 inputs
 * + 1 output"). {@code writers}: live TensorMap entries per buffer each lookup walks (1 = short
 * writer chain, 64 = long). {@code submit}: spec built beforehand; {@code buildAndSubmit}: the
 * {@code TaskSpec} is built per task, as user code usually does. {@code taskWindow}: slots per ring
 * (try {@code -p taskWindow=1024}: a ring whose slots stay in cache).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SubmitBench {
    @Param({"1", "3", "4", "16"})
    int args;

    @Param({"1", "64"})
    int writers;

    /** Task slots per ring (the default is 16384): how cold a reused slot is. */
    @Param({"16384"})
    int taskWindow;

    SubmitWorkload w;

    @Setup(Level.Trial)
    public void setup() {
        w = new SubmitWorkload(args, writers, taskWindow);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        w.close();
    }

    @Setup(Level.Invocation)
    public void beginBatch() {
        w.beginBatch();
    }

    @TearDown(Level.Invocation)
    public void endBatch() {
        w.endBatch();
    }

    @Benchmark
    @OperationsPerInvocation(SubmitWorkload.BATCH)
    public void submit(Blackhole bh) {
        for (int i = 0; i < SubmitWorkload.BATCH; i++) bh.consume(w.submitPrebuilt(i));
    }

    @Benchmark
    @OperationsPerInvocation(SubmitWorkload.BATCH)
    public void buildAndSubmit(Blackhole bh) {
        for (int i = 0; i < SubmitWorkload.BATCH; i++) bh.consume(w.buildAndSubmit(i));
    }
}
