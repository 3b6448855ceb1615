package dev.tessera.api;

import dev.tessera.profiling.Trace;
import dev.tessera.topology.Topology;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a finished run reports.
 *
 * @param makespanNs         from the start of the run to the last completion the schedulers saw
 * @param tasks              tasks submitted (including dependency-only and allocation tasks)
 * @param subtasks           core dispatches made (blocks × active kernel slots)
 * @param blocksPerScheduler blocks dispatched by each scheduler
 * @param trace              the recorded timeline, or null when tracing was off
 * @param kept               copies made by {@link Orchestrator#keep}, by name, in keep order
 */
public record RunResult(
        String platform,
        String policy,
        Topology topology,
        long makespanNs,
        long tasks,
        long subtasks,
        long[] blocksPerScheduler,
        Trace trace,
        Map<String, Tensor> kept) {
    public RunResult {
        kept = Collections.unmodifiableMap(new LinkedHashMap<>(kept));
    }

    /** A run that kept nothing. */
    public RunResult(
            String platform,
            String policy,
            Topology topology,
            long makespanNs,
            long tasks,
            long subtasks,
            long[] blocksPerScheduler,
            Trace trace) {
        this(platform, policy, topology, makespanNs, tasks, subtasks, blocksPerScheduler, trace, Map.of());
    }

    /** The copy {@code orch.keep(name, ...)} made; valid for as long as it is referenced. */
    public Tensor kept(String name) {
        Tensor t = kept.get(name);
        if (t == null)
            throw new IllegalArgumentException("no tensor was kept as '" + name + "'; kept: " + kept.keySet());
        return t;
    }

    public long blocks() {
        long b = 0;
        for (long x : blocksPerScheduler) b += x;
        return b;
    }
}
