package dev.tessera.bench.workloads;

import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.Examples;
import dev.tessera.examples.Options;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.profiling.Trace;
import dev.tessera.profiling.TraceStats;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One timing-only run of an example on the sim platform, as {@code ./tessera run EXAMPLE --case C
 * --platform sim --no-compute} makes it, with what the workload tables report: makespan, when the
 * orchestrator submitted its last task, overhead and utilisation, and the wall time.
 */
public final class SimProbe {
    private SimProbe() {}

    /** An example with its case and options, e.g. paged-attention Case1 with variant unroll. */
    public record Workload(String example, String caseName, Map<String, String> options) {
        public static Workload of(String example, String caseName, String... keyValues) {
            Map<String, String> o = new LinkedHashMap<>();
            for (int i = 0; i + 1 < keyValues.length; i += 2) o.put(keyValues[i], keyValues[i + 1]);
            return new Workload(example, caseName, o);
        }

        Example resolveExample() {
            return Examples.byName(example).orElseThrow(() -> new IllegalArgumentException("no example " + example));
        }

        /** {@code paged-attention Case1 unroll}, for tables. */
        public String label() {
            StringBuilder sb = new StringBuilder(example).append(' ').append(caseName);
            options.values().forEach(v -> sb.append(' ').append(v));
            return sb.toString();
        }
    }

    /**
     * What one run measured.
     *
     * @param lastSubmitNs simulated time of the last submit: the orchestration's length, near enough
     * @param stats        the run's statistics (null when the run was not traced)
     */
    public record Measure(
            long makespanNs, long lastSubmitNs, long tasks, long blocks, double wallSeconds, TraceStats stats) {}

    /** Runs {@code w} on {@code topology} with {@code model}, kernels off, no jitter, seed 0. */
    public static Measure run(Workload w, Topology topology, CostModel model, DispatchPolicy policy, boolean trace) {
        Example e = w.resolveExample();
        Options options = Options.resolve(e, w.caseName(), w.options()).timingOnly();
        try (ExampleInstance instance = e.instantiate(topology, options);
                Runtime rt = runtime(topology, model, policy, trace, instance)) {
            long t0 = System.nanoTime();
            RunResult r = rt.run(instance.orchestration());
            double wall = (System.nanoTime() - t0) / 1e9;
            long lastSubmit = 0;
            TraceStats stats = null;
            if (trace) {
                Trace t = r.trace();
                for (Trace.Task task : t.tasks()) lastSubmit = Math.max(lastSubmit, task.submitNs());
                stats = TraceStats.of(t);
            }
            return new Measure(r.makespanNs(), lastSubmit, r.tasks(), r.blocks(), wall, stats);
        }
    }

    private static Runtime runtime(
            Topology topology, CostModel model, DispatchPolicy policy, boolean trace, ExampleInstance i) {
        Runtime.Builder b = Runtime.builder()
                .topology(topology)
                .platform(new SimPlatform(model, false, false))
                .policy(policy)
                .trace(trace);
        if (i.heapBytes() > 0) b.heapBytes(i.heapBytes());
        return b.build();
    }
}
