package dev.tessera.examples;

import dev.tessera.api.Kernel;
import dev.tessera.api.KernelContext;
import dev.tessera.api.LaunchSpec;
import dev.tessera.api.Orchestrator;
import dev.tessera.api.OutputSpec;
import dev.tessera.api.Scope;
import dev.tessera.api.ScopeMode;
import dev.tessera.api.Submitted;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.topology.CoreType;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * A reference executor for tests: every submit runs the task's blocks at once, in order, on the
 * calling thread. Block {@code b} runs each active kernel slot with {@code blockIdx = b}, the task's
 * {@code blockNum} and the slot's sub-block id (AIC 0, AIV0 0, AIV1 1; a single-AIV task uses
 * AIV0), on the cores of cluster {@code b mod clusters}. Because tasks run in submit order, any
 * dependency-respecting schedule of the examples' graphs gives the same result, so this checks the
 * kernels and goldens without the runtime.
 *
 * <p>It enforces the submit-time rules the runtime enforces (build errors, {@code blockNum ≥ 1},
 * syncStart width) so an example that breaks them fails here too. A {@link Fault} makes it
 * misbehave like a broken scheduler would, to show the goldens catch that.
 */
final class SequentialOrchestrator implements Orchestrator, AutoCloseable {
    /** Ways to run blocks wrongly. */
    enum Fault {
        NONE,
        /**
         * Both AIV lanes of a cluster report sub-block id 0. (Swapping the two ids would be no fault:
         * both lanes run the same kernel, so only distinct ids matter.)
         */
        SAME_AIV_LANE,
        /** The last block of every multi-block task is never run. */
        SKIP_LAST_BLOCK,
        /** The last block of every multi-block task runs with the index of the one before it. */
        DUPLICATE_BLOCK_IDX,
        /** Kernels see a block count one too high. */
        WRONG_BLOCK_NUM,
        /** Every slot of a task is reported as running on an AIV core. */
        ALL_ON_AIV
    }

    /** What was launched, for assertions. */
    record Launch(String name, int blockNum, boolean syncStart, int activeSlots) {}

    private final Topology topology;
    private final Fault fault;
    private final Arena arena = Arena.ofShared();
    private final List<Launch> launches = new ArrayList<>();
    private int scopeDepth;
    private long nextTaskId;

    SequentialOrchestrator(Topology topology) {
        this(topology, Fault.NONE);
    }

    SequentialOrchestrator(Topology topology, Fault fault) {
        this.topology = topology;
        this.fault = fault;
    }

    /** Instantiates {@code example} on this executor's topology, runs it and returns the verdict. */
    static Verdict runAndVerify(Example example, Topology topology, Fault fault) {
        try (ExampleInstance instance = example.instantiate(topology);
                SequentialOrchestrator orch = new SequentialOrchestrator(topology, fault)) {
            instance.orchestration().run(orch);
            if (orch.scopeDepth != 0)
                throw new AssertionError(example.name() + " left " + orch.scopeDepth + " scopes open");
            return instance.verify();
        }
    }

    List<Launch> launches() {
        return launches;
    }

    @Override
    public Submitted submit(TaskSpec spec) {
        if (spec.buildError() != null)
            throw new IllegalArgumentException(spec.displayName() + ": " + spec.buildError());
        LaunchSpec launch = spec.launchSpec();
        int bn = launch.blockNum();
        if (bn < 1) throw new IllegalArgumentException(spec.displayName() + ": blockNum " + bn + " < 1");
        boolean needsCluster = spec.kernel(Lane.AIC) != null;
        int limit = needsCluster ? topology.clusters() : topology.aivCores();
        if (launch.syncStart() && bn > 1 && bn > limit) {
            throw new IllegalArgumentException(
                    spec.displayName() + ": syncStart with " + bn + " blocks, limit " + limit);
        }
        long taskId = nextTaskId++;
        Tensor[] args = new Tensor[spec.tensorCount()];
        List<Tensor> outputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            TaskSpec.TensorArg a = spec.tensorArg(i);
            args[i] = a.output() != null ? allocate(a.output()) : a.tensor();
            if (a.output() != null) outputs.add(args[i]);
        }
        long[] scalars = new long[spec.scalarCount()];
        for (int i = 0; i < scalars.length; i++) scalars[i] = spec.scalarAt(i);

        int activeSlots = 0;
        for (Lane lane : Lane.values()) if (spec.kernel(lane) != null) activeSlots++;
        launches.add(new Launch(spec.displayName(), bn, launch.syncStart(), activeSlots));

        for (int b = 0; b < bn; b++) {
            boolean last = b == bn - 1 && bn > 1;
            if (last && fault == Fault.SKIP_LAST_BLOCK) continue;
            int blockIdx = last && fault == Fault.DUPLICATE_BLOCK_IDX ? b - 1 : b;
            int blockNum = fault == Fault.WRONG_BLOCK_NUM ? bn + 1 : bn;
            int cluster = b % topology.clusters();
            for (Lane lane : Lane.values()) {
                Kernel k = spec.kernel(lane);
                if (k == null) continue;
                int sub = lane.subBlockId();
                if (fault == Fault.SAME_AIV_LANE) sub = 0;
                CoreType type = fault == Fault.ALL_ON_AIV ? CoreType.AIV : lane.type();
                k.run(new Context(
                        blockIdx, blockNum, sub, type, topology.coreId(cluster, lane), cluster, taskId, args, scalars));
            }
        }
        return new Submitted(taskId, outputs.toArray(Tensor[]::new));
    }

    private Tensor allocate(OutputSpec o) {
        Tensor t = Tensor.allocate(arena, o.dtype(), o.shape());
        if (o.initialValue() != null) t.fill(o.initialValue());
        return t;
    }

    @Override
    public Scope scope(ScopeMode mode) {
        int depth = ++scopeDepth;
        return new Scope() {
            @Override
            public ScopeMode mode() {
                return mode;
            }

            @Override
            public int depth() {
                return depth;
            }

            @Override
            public void close() {
                if (scopeDepth != depth) throw new IllegalStateException("scopes closed out of order");
                scopeDepth--;
            }
        };
    }

    @Override
    public Tensor[] allocTensors(OutputSpec... outputs) {
        Tensor[] ts = new Tensor[outputs.length];
        for (int i = 0; i < ts.length; i++) ts[i] = allocate(outputs[i]);
        return ts;
    }

    @Override
    public double readElement(Tensor t, long... idx) {
        return t.get(idx);
    }

    /** Tasks have already run: copy now, element by element. */
    @Override
    public Tensor keep(String name, Tensor t) {
        Tensor copy = Tensor.allocate(Arena.ofAuto(), t.dtype(), t.shape());
        for (long i = 0, n = t.numel(); i < n; i++) copy.setRaw(i, t.getRaw(t.linearOffset(i)));
        return copy;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public void close() {
        arena.close();
    }

    private record Context(
            int blockIdx,
            int blockNum,
            int subBlockId,
            CoreType coreType,
            int coreId,
            int clusterId,
            long taskId,
            Tensor[] tensors,
            long[] scalars)
            implements KernelContext {
        @Override
        public int tensorCount() {
            return tensors.length;
        }

        @Override
        public Tensor tensor(int i) {
            return tensors[i];
        }

        @Override
        public int scalarCount() {
            return scalars.length;
        }

        @Override
        public long scalar(int i) {
            return scalars[i];
        }
    }
}
