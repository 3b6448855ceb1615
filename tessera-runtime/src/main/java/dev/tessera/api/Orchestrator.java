package dev.tessera.api;

import dev.tessera.topology.Topology;

/** What orchestration code submits tasks through. Used from the orchestration thread only. */
public interface Orchestrator {
    /** Submits a task; dependencies are inferred from its tensor arguments. */
    Submitted submit(TaskSpec spec);

    /** Opens a nested AUTO scope. */
    default Scope scope() {
        return scope(ScopeMode.AUTO);
    }

    Scope scope(ScopeMode mode);

    /** Allocates tensors through a hidden, already-completed task; readers depend on it as creator. */
    Tensor[] allocTensors(OutputSpec... outputs);

    /** Waits until every writer of {@code t} has finished, then reads one element. */
    double readElement(Tensor t, long... idx);

    Topology topology();
}
