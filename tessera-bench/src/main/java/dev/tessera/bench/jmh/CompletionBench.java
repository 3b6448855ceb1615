package dev.tessera.bench.jmh;

import dev.tessera.api.Kernel;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.bench.InThreadRuntime;
import dev.tessera.core.TaskSlot;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Completion handling per finished block, through the runtime's lifecycle calls the scheduler makes:
 * count the subtask ({@code TaskSlot.finishSubtask}); on a task's last one, complete it
 * ({@code RuntimeState.completeTask}: state change, fanout notification) and release it
 * ({@code RuntimeState.releaseTask}: producers, consumption, ring watermark). The status-register
 * poll that detects the FIN is not included (it is in {@link SchedulerLoopBench}). A batch of
 * {@value #BLOCKS} blocks of independent tasks is submitted untimed; one op = one block.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CompletionBench {
    public static final int BLOCKS = 960;

    @Param({"1", "24"})
    int blocks;

    InThreadRuntime rt;
    TaskSpec spec;
    TaskSlot[] batch;

    @Setup(Level.Trial)
    public void setup() {
        rt = new InThreadRuntime(
                Runtime.builder().topology(Topology.custom(8, 1)).build().config());
        spec = TaskSpec.aiv(Kernel.of("k", ctx -> {})).blocks(blocks).named("t");
        batch = new TaskSlot[BLOCKS / blocks];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rt.close();
    }

    @Setup(Level.Invocation)
    public void submitBatch() {
        rt.openScope();
        for (int i = 0; i < batch.length; i++) rt.orchestrator().submit(spec);
        rt.closeScope();
        for (int i = 0; i < batch.length; i++) batch[i] = rt.state().wiring.poll();
    }

    @Benchmark
    @OperationsPerInvocation(BLOCKS)
    public void completeBlocks() {
        for (TaskSlot t : batch) {
            for (int b = 0; b < t.totalSubtasks; b++) {
                if (t.finishSubtask() == t.totalSubtasks) rt.completeAndRelease(t);
            }
        }
    }
}
