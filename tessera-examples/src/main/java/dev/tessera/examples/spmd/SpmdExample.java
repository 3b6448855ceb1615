package dev.tessera.examples.spmd;

import dev.tessera.api.DType;
import dev.tessera.api.LaunchSpec;
import dev.tessera.api.Orchestration;
import dev.tessera.api.Tensor;
import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.Golden;
import dev.tessera.examples.Options;
import dev.tessera.examples.Verdict;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.Objects;
import java.util.function.Function;

/**
 * An example of the SPMD suite: a task list planned for the topology, one zero-initialised fp32
 * output tensor, and an exact golden (RTOL = ATOL = 0).
 */
public final class SpmdExample implements Example {
    private final String name;
    private final String description;
    private final Function<Topology, SpmdPlan> planner;

    public SpmdExample(String name, String description, Function<Topology, SpmdPlan> planner) {
        this.name = Objects.requireNonNull(name);
        this.description = Objects.requireNonNull(description);
        this.planner = Objects.requireNonNull(planner);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    /** The task list this example submits on {@code topology}. */
    public SpmdPlan plan(Topology topology) {
        return planner.apply(topology);
    }

    @Override
    public ExampleInstance instantiate(Topology topology, Options options) {
        return new Instance(plan(topology));
    }

    @Override
    public String toString() {
        return name;
    }

    private static final class Instance implements ExampleInstance {
        private final SpmdPlan plan;
        // Shared, not confined: kernels write the tensor from core threads.
        private final Arena arena = Arena.ofShared();
        private final Tensor out;

        Instance(SpmdPlan plan) {
            this.plan = plan;
            this.out = Tensor.allocate(arena, DType.FP32, plan.totalFloats());
        }

        @Override
        public Orchestration orchestration() {
            return orch -> {
                int i = 0;
                for (SpmdTask t : plan.tasks()) {
                    Tensor arg = plan.independent() ? ownLines(t) : out;
                    // An independent task sees only its own lines, so its base is line 0 of its view.
                    long baseCl = plan.independent() ? 0 : t.baseCl();
                    orch.submit(t.kind()
                            .newSpec()
                            .inout(arg)
                            // An explicit array: a bare long would bind to scalar(float) and be sent as float bits.
                            .scalar(new long[] {baseCl})
                            .launch(new LaunchSpec(t.blockNum(), t.syncStart()))
                            .named("t" + i++ + " " + t.kind() + " x" + t.blockNum() + (t.syncStart() ? " sync" : "")));
                }
            };
        }

        private Tensor ownLines(SpmdTask t) {
            long from = t.baseCl() * SpmdKernels.CACHE_LINE;
            return out.slice(0, from, from + t.lines() * SpmdKernels.CACHE_LINE);
        }

        @Override
        public Verdict verify() {
            return Golden.exact("out", out, plan.golden());
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}
