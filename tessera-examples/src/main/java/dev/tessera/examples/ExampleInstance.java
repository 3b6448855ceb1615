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
     * Output heap per ring, in bytes, that this instance's run should have, or 0 for the runtime's
     * default. The workload examples ask for the reference's default (256 MiB per ring,
     * {@value #REFERENCE_HEAP_BYTES} bytes) when their runtime-allocated outputs would not fit in
     * Tessera's smaller default: a smaller heap would stall the orchestrator where the reference's
     * does not.
     */
    default long heapBytes() {
        return 0;
    }

    /** The reference runtime's heap per ring ({@code PTO2_HEAP_SIZE}, spec §2). */
    long REFERENCE_HEAP_BYTES = 256L << 20;

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
