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

    /**
     * Keeps a copy of {@code t} after the run: a one-block AIV task (named {@code keep <name>},
     * kernel {@code tessera_keep}) that takes {@code t} as {@code inout} (it waits for every earlier
     * writer, and later {@code inout} writers wait for it) copies it into memory that outlives the
     * run; {@link RunResult#kept(String)} returns that copy. Use it for outputs
     * the runtime allocated (their heap is reused once their scope ends and is gone after the run).
     * In a MANUAL scope the copy waits for {@code t}'s creator only. On sim without kernel
     * execution the copy stays zero.
     *
     * @return the copy; read it after the run (or give it to later tasks as an input)
     */
    Tensor keep(String name, Tensor t);

    Topology topology();
}
