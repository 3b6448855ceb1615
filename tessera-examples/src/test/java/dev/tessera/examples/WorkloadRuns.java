package dev.tessera.examples;

import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.platform.threaded.ThreadedPlatform;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.util.Map;

/** Runs a workload example with given options on one platform and policy, checks its invariants, returns what happened. */
public final class WorkloadRuns {
    private WorkloadRuns() {}

    /** What one run gave: the runtime's result and the golden's verdict (not checked when timing only). */
    public record Outcome(RunResult result, Verdict verdict) {}

    /** {@code sim} (a2a3 preset, seeded jitter) on a2a3, or {@code threaded} on a small 6-cluster machine. */
    public static Outcome run(
            Example e, String caseName, Map<String, String> options, String platform, DispatchPolicy policy) {
        boolean sim = platform.equals("sim");
        Topology topology = sim ? Topology.a2a3() : Topology.custom(6, 2);
        return run(e, Options.resolve(e, caseName, options), topology, sim, policy);
    }

    public static Outcome run(Example e, Options options, Topology topology, boolean sim, DispatchPolicy policy) {
        InvariantChecker checker = new InvariantChecker();
        try (ExampleInstance instance = e.instantiate(topology, options)) {
            Runtime.Builder b = Runtime.builder()
                    .topology(topology)
                    .policy(policy)
                    .seed(11)
                    .observer(checker)
                    .platform(
                            sim ? new SimPlatform(CostModel.a2a3(), options.computes(), true) : new ThreadedPlatform());
            if (instance.heapBytes() > 0) b.heapBytes(instance.heapBytes());
            try (Runtime rt = b.build()) {
                RunResult r = rt.run(instance.orchestration());
                if (options.computes()) checker.assertValid(topology);
                return new Outcome(r, options.computes() ? instance.verify() : Verdict.notChecked("timing only"));
            }
        }
    }
}
