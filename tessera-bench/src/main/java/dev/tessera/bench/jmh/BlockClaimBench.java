package dev.tessera.bench.jmh;

import dev.tessera.api.Runtime;
import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.run.Run;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TaskSlot#claimBlocks}: claiming a block range of an SPMD task ({@code blockNum} blocks,
 * up to {@code width} per claim, as many as the claimer has idle cores). One op = one claim; when
 * the task is exhausted the claimer resets it (one CAS), as if the next task of the same width had
 * been popped. {@code single}: one thread; {@code contended}: two threads claiming from the same
 * task (two schedulers that both popped it), the #827 case.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Group)
public class BlockClaimBench {
    @Param({"24", "1024"})
    int blockNum;

    @Param({"1", "8"})
    int width;

    RuntimeState state;
    TaskSlot task;

    @Setup
    public void setup() {
        state = Run.newState(Runtime.builder().build().config(), TraceRecorder.OFF);
        task = state.rings[0].allocateSlot(0);
        task.shape = TaskShape.AIV;
        task.blockNum = blockNum;
    }

    @TearDown
    public void tearDown() {
        state.close();
    }

    private long claim() {
        long c = task.claimBlocks(width);
        if (c < 0) task.rewindClaims();
        return c;
    }

    @Benchmark
    @Group("single")
    @GroupThreads(1)
    public long single() {
        return claim();
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(2)
    public long contended() {
        return claim();
    }
}
