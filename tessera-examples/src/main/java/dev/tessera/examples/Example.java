package dev.tessera.examples;

import dev.tessera.topology.Topology;
import java.util.List;

/**
 * A named, self-checking workload: kernels, an orchestration that submits them, and the exact
 * result it must leave behind.
 *
 * <p>An {@code Example} itself holds no memory; {@link #instantiate} makes a fresh
 * {@link ExampleInstance} with its own buffers for one run on one topology, so the same example can
 * run many times (different topologies, policies, seeds, options) without results leaking between
 * runs.
 *
 * <p>An example may declare {@linkplain #options() options} (named knobs with defaults and accepted
 * values) and {@linkplain #cases() cases} (named presets of option values). Callers get checked
 * values through {@link Options#resolve}; the command line passes {@code --case NAME} and
 * {@code --OPTION VALUE}.
 */
public interface Example {
    /** Short, lower-case, dash-separated name used on the command line, e.g. {@code spmd-basic}. */
    String name();

    /** One line saying what the example computes or what it is designed to catch. */
    String description();

    /** The options this example takes, in the order help texts list them; none by default. */
    default List<ExampleOption> options() {
        return List.of();
    }

    /** Named presets of option values; none by default. */
    default List<ExampleCase> cases() {
        return List.of();
    }

    /**
     * True when a run at the default options takes a fraction of a second, so suites that run every
     * example many times over (seeds, topologies, policies) include it. An example whose smallest
     * meaningful run is larger ({@code qwen3-decode}: 279 tasks per layer) returns false and is
     * covered by its own tests instead.
     */
    default boolean quick() {
        return true;
    }

    /**
     * Checks values that are valid one by one but not together (bgemm's task count must be a
     * multiple of {@code grid-k}); throws {@link IllegalArgumentException} saying what is wrong.
     */
    default void checkOptions(Options options) {}

    /**
     * Allocates the example's buffers and plans its tasks for {@code topology} with {@code options}
     * (from {@link Options#resolve} for this example). Block counts that depend on the machine are
     * derived here, so every example fits every topology.
     */
    ExampleInstance instantiate(Topology topology, Options options);

    /** {@link #instantiate(Topology, Options)} with every option at its default. */
    default ExampleInstance instantiate(Topology topology) {
        return instantiate(topology, Options.defaults(this));
    }
}
