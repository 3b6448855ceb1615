package dev.tessera.bench.jmh;

import dev.tessera.profiling.BufferedTraceRecorder;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.topology.Topology;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What tracing adds per subtask: the four recorder calls a traced dispatch makes (dispatched and
 * finish-seen on the scheduler, started and ended on the core), on a fresh {@link
 * BufferedTraceRecorder} preallocated for the run, against {@link TraceRecorder#OFF}. One
 * invocation is a run of 72 000 subtasks (1 000 per core of a2a3, tokens advancing round robin as
 * a run's do) on a fresh recorder, so buffers never grow past what a run preallocates; the score
 * is per subtask.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RecorderBench {
    private static final Topology TOPOLOGY = Topology.a2a3();

    @Param({"off", "buffered"})
    public String recorder;

    TraceRecorder rec;
    int[] tokens;

    static final int PER_CORE = 1000;
    static final int SUBTASKS = PER_CORE * 72;

    @Setup(Level.Invocation)
    public void setup() {
        rec = recorder.equals("off")
                ? TraceRecorder.OFF
                : new BufferedTraceRecorder(TOPOLOGY, "bench", "parallel", PER_CORE);
        tokens = new int[TOPOLOGY.cores()];
        rec.taskSubmitted(1, "task", 24, 2, false, 0);
    }

    @Benchmark
    @OperationsPerInvocation(SUBTASKS)
    public void perSubtask() {
        TraceRecorder r = rec;
        int[] tok = tokens;
        long now = 0;
        for (int i = 0; i < SUBTASKS; i++) {
            int c = i % tok.length;
            int token = ++tok[c];
            now += 10;
            r.dispatched(0, c, token, 1, token % 24, 1, now - 5, now);
            r.started(c, token, now + 1);
            r.ended(c, token, now + 2);
            r.finishSeen(0, c, token, now + 3);
        }
    }
}
