package dev.tessera.verify;

import dev.tessera.platform.DispatchPayload;

/**
 * Sees every kernel execution just before it runs, on the thread that runs it (a core thread, a pool
 * worker, or a scheduler or the orchestrator helping with pooled cores). For tests and
 * diagnostics (see {@link InvariantChecker}); it must be thread-safe.
 */
@FunctionalInterface
public interface KernelObserver {
    void beforeRun(DispatchPayload payload);
}
