package dev.tessera.bench.jmh;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Runtime;
import dev.tessera.api.Tensor;
import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.run.Run;
import dev.tessera.topology.Lane;
import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building one dispatch payload: {@link DispatchPayload#load}, which {@code BlockPlacer} calls on the
 * core's payload buffer {@code token & 1} before it posts the token (kernel, tensors, scalars,
 * task id, block index and count, lane, task), on the runtime's own buffers, alternating
 * the two buffers of each of 48 cores as successive tokens do. Unlike the reference's payload
 * build, nothing is copied or cache-flushed: tensors and scalars travel by reference. The real
 * method, with everything around it, is timed by {@link SchedulerLoopBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PayloadBench {
    RuntimeState state;
    Arena arena;
    TaskSlot task;
    DispatchPayload[][] payloads;
    int token;

    @Setup
    public void setup() {
        state = Run.newState(Runtime.builder().build().config(), TraceRecorder.OFF);
        arena = Arena.ofShared();
        task = state.rings[0].allocateSlot(0);
        task.shape = TaskShape.AIV;
        task.blockNum = 48;
        task.kernels[Lane.AIV0.ordinal()] = Kernel.of("k", ctx -> {});
        for (int i = 0; i < 3; i++) task.tensors[i] = Tensor.allocate(arena, DType.FP32, 64);
        task.tensorCount = 3;
        task.scalars[0] = 7;
        task.scalarCount = 1;
        payloads = state.payloads;
    }

    @TearDown
    public void tearDown() {
        state.close();
        arena.close();
    }

    @Benchmark
    public DispatchPayload build() {
        int t = ++token;
        int core = state.topology.clusters() + (t % 48);
        int blockIdx = t % task.blockNum;
        int lane = Lane.AIV0.ordinal();
        DispatchPayload p = payloads[core][(t / 48) & 1];
        p.load(
                task.kernels[lane],
                task.tensors,
                task.tensorCount,
                task.scalars,
                task.scalarCount,
                task.taskId,
                blockIdx,
                task.blockNum,
                lane,
                task);
        return p;
    }
}
