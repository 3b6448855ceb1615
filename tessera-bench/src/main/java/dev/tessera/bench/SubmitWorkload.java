package dev.tessera.bench;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;

/**
 * Orchestrator-side submit cost with TensorMap lookups, on {@link InThreadRuntime}.
 *
 * <p>The graph: {@code args} buffers; task {@code i} of a batch writes buffer {@code i % args}
 * (INOUT) and reads every other buffer (INPUT), all at row 0. So every lookup finds a live writer
 * (the task that last wrote that buffer), every task has up to {@code args} producers, and an INOUT
 * retires the previous writer's entry: "2 inputs + 1 output" is {@code args = 3}.
 *
 * <p>Writer chains: {@code writers - 1} background tasks, submitted once into the outer scope and
 * never completed, write rows {@code 1..writers-1} of every buffer. Their TensorMap entries stay
 * live, so every lookup walks {@code writers} entries of the buffer's bucket (one overlapping, the
 * rest disjoint rows). {@code writers = 1} is the short chain; 64 a long one. Measured tasks live
 * in an inner scope (ring 1) that is retired after each batch of {@link #BATCH}
 * ({@link InThreadRuntime#retireUnscheduled}), so their ring never fills and submit never waits.
 */
public final class SubmitWorkload implements AutoCloseable {
    public static final int BATCH = 1000;
    static final int ROW = 64;
    /** The runtime's default task window. */
    public static final int DEFAULT_WINDOW = 16384;

    private final int args;
    private final Arena arena = Arena.ofShared();
    private final InThreadRuntime rt;
    private final Tensor[] row0;
    private final TaskSpec[] specs = new TaskSpec[BATCH];
    private final Kernel kernel = Kernel.of("k", ctx -> {});

    public SubmitWorkload(int args, int writers) {
        this(args, writers, DEFAULT_WINDOW);
    }

    /**
     * @param taskWindow task slots per ring: the ring the measured tasks cycle through, so it sets
     *                   how long ago a slot being reused was last touched (its cache footprint)
     */
    public SubmitWorkload(int args, int writers, int taskWindow) {
        if (args < 1 || args > TaskSpec.MAX_TENSORS)
            throw new IllegalArgumentException("args must be 1.." + TaskSpec.MAX_TENSORS);
        if (writers < 1) throw new IllegalArgumentException("writers must be ≥ 1");
        this.args = args;
        this.rt = new InThreadRuntime(Runtime.builder()
                .topology(Topology.custom(2, 1))
                .taskWindow(taskWindow)
                .build()
                .config());
        Tensor[] buffers = new Tensor[args];
        row0 = new Tensor[args];
        for (int k = 0; k < args; k++) {
            buffers[k] = Tensor.allocate(arena, DType.FP32, writers, ROW);
            row0[k] = row(buffers[k], 0);
        }
        // submitted into the harness's outer scope (ring 0), which holds them for good
        for (int r = 1; r < writers; r++) {
            TaskSpec bg = TaskSpec.aiv(kernel).named("background");
            for (int k = 0; k < args; k++) bg.inout(row(buffers[k], r));
            rt.orchestrator().submit(bg);
            if (r % 512 == 0) rt.abandonQueued();
        }
        rt.abandonQueued();
        for (int i = 0; i < BATCH; i++) specs[i] = buildSpec(i);
    }

    private static Tensor row(Tensor t, long r) {
        return t.view(new long[] {1, ROW}, new long[] {r, 0});
    }

    /** The spec of task {@code i} of a batch, built the way a user builds one (no explicit name). */
    public TaskSpec buildSpec(int i) {
        int w = i % args;
        TaskSpec s = TaskSpec.aiv(kernel);
        for (int k = 0; k < args; k++) {
            if (k == w) s.inout(row0[k]);
            else s.input(row0[k]);
        }
        return s;
    }

    public void beginBatch() {
        rt.openScope();
    }

    /** Submits task {@code i} of the batch from a spec built in advance. */
    public long submitPrebuilt(int i) {
        return rt.orchestrator().submit(specs[i]).taskId();
    }

    /** Builds task {@code i}'s spec and submits it: what an orchestration pays per task. */
    public long buildAndSubmit(int i) {
        return rt.orchestrator().submit(buildSpec(i)).taskId();
    }

    /** Retires the batch (untimed by callers): closes the inner scope, completes and releases it. */
    public void endBatch() {
        rt.retireUnscheduled();
    }

    public InThreadRuntime runtime() {
        return rt;
    }

    @Override
    public void close() {
        rt.close();
        arena.close();
    }
}
