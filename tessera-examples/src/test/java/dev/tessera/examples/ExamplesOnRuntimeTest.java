package dev.tessera.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.examples.spmd.SpmdExample;
import dev.tessera.examples.spmd.SpmdPlan;
import dev.tessera.examples.spmd.SpmdTask;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example on the real runtime (threaded platform), with both dispatch policies, on a2a3, a5
 * and a small custom topology: the output must match the golden exactly and the run's counters
 * must match the plan.
 *
 */
class ExamplesOnRuntimeTest {
    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (Example e : Examples.all()) {
            out.add(Arguments.of(e, Topology.a2a3(), DispatchPolicy.PARALLEL));
            out.add(Arguments.of(e, Topology.a2a3(), DispatchPolicy.SERIAL));
            out.add(Arguments.of(e, Topology.a5(), DispatchPolicy.PARALLEL));
            out.add(Arguments.of(e, Topology.a5(), DispatchPolicy.SERIAL));
            out.add(Arguments.of(e, Topology.custom(4, 2), DispatchPolicy.PARALLEL));
            out.add(Arguments.of(e, Topology.custom(4, 2), DispatchPolicy.SERIAL));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1} with {2}")
    @MethodSource("runs")
    void matchesTheGolden(Example example, Topology topology, DispatchPolicy policy) {
        InvariantChecker checker = new InvariantChecker();
        try (Runtime rt = Runtime.builder()
                        .topology(topology)
                        .policy(policy)
                        .seed(7)
                        .observer(checker)
                        .build();
                ExampleInstance instance = example.instantiate(topology)) {
            RunResult result = rt.run(instance.orchestration());
            Verdict v = instance.verify();
            assertTrue(
                    v.passed(),
                    () -> example.name() + " on " + topology + " with " + policy.name() + ": " + v.describe());
            assertEquals(topology.schedulers(), result.blocksPerScheduler().length);
            checker.assertValid(topology);
            if (example instanceof SpmdExample spmd) {
                SpmdPlan plan = spmd.plan(topology);
                long subtasks = 0;
                // Each kernel slot of a block writes its own cache line, so lines = core dispatches.
                for (SpmdTask t : plan.tasks()) subtasks += t.lines();
                assertEquals(plan.tasks().size(), result.tasks(), "tasks");
                assertEquals(plan.totalBlocks(), result.blocks(), "blocks");
                assertEquals(subtasks, result.subtasks(), "subtasks");
            }
        }
    }
}
