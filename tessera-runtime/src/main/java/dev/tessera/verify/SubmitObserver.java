package dev.tessera.verify;

/**
 * Sees, for every submitted task, the producers the runtime inferred for it (explicit, creator
 * and TensorMap dependencies, de-duplicated, before already-consumed producers are dropped).
 * Called on the orchestrator thread; for tests and diagnostics.
 */
@FunctionalInterface
public interface SubmitObserver {
    void submitted(long taskId, String name, long[] producerIds);
}
