package dev.tessera.verify;

import dev.tessera.platform.DispatchPayload;

/**
 * Sees every kernel execution just before it runs, on the executing core's thread. For tests and
 * diagnostics (see {@link InvariantChecker}); it must be thread-safe.
 */
@FunctionalInterface
public interface KernelObserver {
    void beforeRun(DispatchPayload payload);
}
