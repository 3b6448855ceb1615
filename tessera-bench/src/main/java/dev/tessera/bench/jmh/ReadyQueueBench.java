package dev.tessera.bench.jmh;

import dev.tessera.api.Runtime;
import dev.tessera.bench.NoopActor;
import dev.tessera.core.ReadyQueues;
import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.run.Run;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The global ready queues as the scheduler uses them ({@link ReadyQueues}: one bounded JCTools
 * {@code MpmcAtomicArrayQueue} per shape, capacity as a run sizes it), and the bare JCTools queue
 * for comparison. One op = one push and one pop.
 *
 * <ul>
 *   <li>{@code pushPoll}: a single thread pushes a task and pops it back (the scheduler's
 *       re-queue of an SPMD remainder followed by the next pop).</li>
 *   <li>{@code burst16}: 16 pushes then 16 pops (a scheduler flushing its local ready buffer).</li>
 *   <li>{@code contended}: two threads each push and pop on the same queue (two schedulers).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ReadyQueueBench {
    RuntimeState state;
    ReadyQueues ready;
    MpmcAtomicArrayQueue<TaskSlot> raw;
    TaskSlot[] tasks = new TaskSlot[16];
    final NoopActor actor = new NoopActor();

    @Setup
    public void setup() {
        state = Run.newState(Runtime.builder().build().config(), TraceRecorder.OFF);
        ready = state.ready;
        raw = new MpmcAtomicArrayQueue<>(1 << 17);
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = state.rings[0].allocateSlot(0);
            tasks[i].shape = TaskShape.AIV;
        }
    }

    @TearDown
    public void tearDown() {
        state.close();
    }

    @Benchmark
    public TaskSlot pushPoll() {
        ready.push(tasks[0], actor);
        return ready.poll(TaskShape.AIV, actor);
    }

    @Benchmark
    public TaskSlot rawOfferPoll() {
        raw.offer(tasks[0]);
        return raw.poll();
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public TaskSlot burst16() {
        for (TaskSlot t : tasks) ready.push(t, actor);
        TaskSlot last = null;
        for (int i = 0; i < tasks.length; i++) last = ready.poll(TaskShape.AIV, actor);
        return last;
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(2)
    public TaskSlot contendedPushPoll() {
        ready.push(tasks[0], actor);
        return ready.poll(TaskShape.AIV, actor);
    }
}
