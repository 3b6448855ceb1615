package dev.tessera.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.examples.SequentialOrchestrator.Fault;
import dev.tessera.examples.spmd.SpmdExample;
import dev.tessera.examples.spmd.SpmdPlan;
import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example's kernels reproduce its golden when run by the sequential reference executor. */
class ExamplesSequentialTest {
    static final List<Topology> TOPOLOGIES = List.of(
            Topology.a2a3(),
            Topology.a5(),
            Topology.a5(6),
            Topology.host(),
            Topology.custom(4, 2),
            Topology.custom(1, 1),
            Topology.custom(5, 2),
            Topology.custom(24, 1),
            Topology.custom(23, 3),
            Topology.custom(7, 7));

    static Stream<Arguments> examplesOnTopologies() {
        List<Arguments> out = new ArrayList<>();
        for (Example e : Examples.all()) for (Topology t : TOPOLOGIES) out.add(Arguments.of(e, t));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("examplesOnTopologies")
    void passesOnEveryTopology(Example example, Topology topology) {
        Verdict v = SequentialOrchestrator.runAndVerify(example, topology, Fault.NONE);
        assertTrue(v.passed(), () -> example.name() + " on " + topology + ": " + v.describe());
        assertTrue(v.checked() > 0, "nothing was compared");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("examplesOnTopologies")
    void spmdExamplesSubmitExactlyTheirPlan(Example example, Topology topology) {
        if (!(example instanceof SpmdExample spmd)) return;
        SpmdPlan plan = spmd.plan(topology);
        try (ExampleInstance instance = example.instantiate(topology);
                SequentialOrchestrator orch = new SequentialOrchestrator(topology)) {
            instance.orchestration().run(orch);
            List<SequentialOrchestrator.Launch> launches = orch.launches();
            assertEquals(plan.tasks().size(), launches.size());
            for (int i = 0; i < launches.size(); i++) {
                assertEquals(plan.tasks().get(i).blockNum(), launches.get(i).blockNum(), "task " + i);
                assertEquals(plan.tasks().get(i).syncStart(), launches.get(i).syncStart(), "task " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.tessera.examples.ExamplesRegistryTest#exampleNames")
    void instancesAreIndependent(String name) {
        // Two instances alive at once must not share buffers: running one leaves the other unwritten.
        Example e = Examples.byName(name).orElseThrow();
        Topology t = Topology.a2a3();
        try (ExampleInstance ran = e.instantiate(t);
                ExampleInstance fresh = e.instantiate(t);
                SequentialOrchestrator orch = new SequentialOrchestrator(t)) {
            ran.orchestration().run(orch);
            assertTrue(ran.verify().passed());
            assertTrue(!fresh.verify().passed(), "an instance that never ran must not pass");
        }
    }
}
