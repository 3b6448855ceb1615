package dev.tessera.core;

import dev.tessera.api.RuntimeConfig;
import dev.tessera.profiling.Trace;
import dev.tessera.profiling.TraceRecorder;

/** The one place that knows how a run's trace recorder is made and turned into a {@link Trace}. */
final class TraceSupport {
    private TraceSupport() {}

    static TraceRecorder newRecorder(RuntimeConfig config) {
        return TraceRecorder.OFF;
    }

    static Trace build(TraceRecorder recorder, long makespanNs) {
        return null;
    }
}
