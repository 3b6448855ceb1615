package dev.tessera.api;

import dev.tessera.profiling.Trace;
import dev.tessera.topology.Topology;

/**
 * What a finished run reports.
 *
 * @param makespanNs         from the start of the run to the last completion the schedulers saw
 * @param tasks              tasks submitted (including dependency-only and allocation tasks)
 * @param subtasks           core dispatches made (blocks × active kernel slots)
 * @param blocksPerScheduler blocks dispatched by each scheduler
 * @param trace              the recorded timeline, or null when tracing was off
 */
public record RunResult(String platform, String policy, Topology topology, long makespanNs, long tasks,
                        long subtasks, long[] blocksPerScheduler, Trace trace) {
    public long blocks() {
        long b = 0;
        for (long x : blocksPerScheduler) b += x;
        return b;
    }
}
