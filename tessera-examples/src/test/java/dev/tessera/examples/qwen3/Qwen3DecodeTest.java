package dev.tessera.examples.qwen3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.Options;
import dev.tessera.examples.Verdict;
import dev.tessera.examples.WorkloadRuns;
import dev.tessera.profiling.Trace;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code qwen3-decode}: the reference's graph per layer, and its golden on both machines. */
class Qwen3DecodeTest {
    private static final Qwen3DecodeExample EXAMPLE = new Qwen3DecodeExample();

    private static RunResult run(Topology topo, DispatchPolicy policy, Options o, boolean[] passed) {
        try (ExampleInstance in = EXAMPLE.instantiate(topo, o);
                Runtime rt = Runtime.builder()
                        .topology(topo)
                        .sim()
                        .policy(policy)
                        .seed(3)
                        .trace(true)
                        .build()) {
            RunResult r = rt.run(in.orchestration());
            Verdict v = in.verify();
            passed[0] = v.passed();
            assertTrue(v.passed() || !o.computes(), v.describe());
            return r;
        }
    }

    @Test
    void oneLayerPassesItsGoldenOnA2a3AndA5UnderBothPolicies() {
        Options o = Options.resolve(EXAMPLE, null, Map.of("layers", "1"));
        boolean[] passed = new boolean[1];
        boolean ci = "true".equals(System.getenv("CI"));
        for (Topology t : new Topology[] {Topology.a2a3(), Topology.a5()}) {
            for (DispatchPolicy p : java.util.List.of(DispatchPolicy.SERIAL, DispatchPolicy.PARALLEL)) {
                // under CI one policy per machine: a2a3 parallel, a5 serial
                if (ci && (p == DispatchPolicy.PARALLEL) != (t.clusters() == 24)) continue;
                run(t, p, o, passed);
                assertTrue(passed[0], t + " " + p);
            }
        }
    }

    @Test
    void oneLayerPassesOnThreadedWithTheInvariantsKept() {
        // a small machine: the attention takes one block per cluster (6) and still must start them together
        WorkloadRuns.Outcome r =
                WorkloadRuns.run(EXAMPLE, null, Map.of("layers", "1"), "threaded", DispatchPolicy.PARALLEL);
        assertTrue(r.verdict().passed(), r.verdict().describe());
    }

    @Test
    void theSameSeedGivesTheSameTimelineOnSim() {
        Options o = Options.resolve(EXAMPLE, null, Map.of("layers", "1")).timingOnly();
        Trace a = run(Topology.a5(), DispatchPolicy.PARALLEL, o, new boolean[1]).trace();
        Trace b = run(Topology.a5(), DispatchPolicy.PARALLEL, o, new boolean[1]).trace();
        assertEquals(a.makespanNs(), b.makespanNs());
        assertEquals(a.subtasks(), b.subtasks());
    }

    @Test
    void eachLayerIsTheReferencesGraph() {
        Options o = Options.resolve(EXAMPLE, null, Map.of("layers", "2")).timingOnly();
        Trace trace =
                run(Topology.a2a3(), DispatchPolicy.PARALLEL, o, new boolean[1]).trace();
        // allocs are not traced: 5 + 279 per layer + 1 submits, less 1 + 2 per layer allocs
        assertEquals(Qwen3DecodeExample.taskCount(2) - 1 - 2 * 2, trace.tasks().size());
        long sync = trace.tasks().stream().filter(Trace.Task::syncStart).count();
        assertEquals(2, sync, "one sync-start attention per layer");
        long early = trace.tasks().stream().filter(Trace.Task::earlyResolve).count();
        assertEquals(2 + 2 * (14 + 85), early, "2 in the prologue; per layer 14 submit sites plus the 85 down_proj");
        Trace.Task attention =
                trace.tasks().stream().filter(Trace.Task::syncStart).findFirst().orElseThrow();
        assertEquals(24, attention.blockNum());
        long dummies = trace.tasks().stream()
                .filter(t -> t.shape() == Trace.SHAPE_DUMMY)
                .count();
        assertEquals(1 + 2 * 12, dummies, "fence 0 and 12 fences per layer");
    }
}
