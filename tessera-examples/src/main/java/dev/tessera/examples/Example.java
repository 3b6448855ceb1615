package dev.tessera.examples;

import dev.tessera.topology.Topology;

/**
 * A named, self-checking workload: kernels, an orchestration that submits them, and the exact
 * result it must leave behind.
 *
 * <p>An {@code Example} itself holds no memory; {@link #instantiate} makes a fresh
 * {@link ExampleInstance} with its own buffers for one run on one topology, so the same example can
 * run many times (different topologies, policies, seeds) without results leaking between runs.
 */
public interface Example {
    /** Short, lower-case, dash-separated name used on the command line, e.g. {@code spmd-basic}. */
    String name();

    /** One line saying what the example computes or what it is designed to catch. */
    String description();

    /**
     * Allocates the example's buffers and plans its tasks for {@code topology}. Block counts that
     * depend on the machine are derived here, so every example fits every topology.
     */
    ExampleInstance instantiate(Topology topology);
}
