package dev.tessera.profiling;

/** Parts of one scheduler-loop iteration, for optional phase tracks in a trace. */
public enum SchedulerPhase {
    COMPLETION,
    DRAIN,
    WIRING,
    DUMMY,
    DISPATCH,
    IDLE
}
