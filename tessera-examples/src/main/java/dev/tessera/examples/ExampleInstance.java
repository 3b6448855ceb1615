package dev.tessera.examples;

import dev.tessera.api.Orchestration;

/**
 * One run's worth of an {@link Example}: it owns the input and output buffers (in an arena freed
 * by {@link #close}), the orchestration to hand to {@code Runtime.run}, and the check of the result.
 *
 * <p>Use it once: run {@link #orchestration()} on a runtime, then call {@link #verify()}.
 */
public interface ExampleInstance extends AutoCloseable {
    /** The code that submits this instance's tasks; it reads and writes this instance's buffers. */
    Orchestration orchestration();

    /** Compares the output buffers with the golden; call after the orchestration has completed. */
    Verdict verify();

    /**
     * A short human-readable look at the output (a few elements), for the CLI; empty when the
     * output has nothing short to show. Call after the run, before {@link #close}.
     */
    default String preview() {
        return "";
    }

    /** Frees the buffers; tensors of this instance must not be touched afterwards. */
    @Override
    void close();
}
