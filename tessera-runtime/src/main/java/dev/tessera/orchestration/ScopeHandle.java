package dev.tessera.orchestration;

import dev.tessera.api.Scope;
import dev.tessera.api.ScopeMode;
import dev.tessera.errors.InvalidArgumentsException;

/**
 * What {@link OrchestratorImpl#scope} hands the user: closing it ends the scope it opened. It checks
 * the two ways user code gets scopes wrong (closing one twice, closing one that is not the
 * innermost) before anything changes, so a misuse throws and leaves the scope stack as it was.
 */
final class ScopeHandle implements Scope {
    private final ScopeStack scopes;
    /** Ends the innermost scope: releases the references it holds on its tasks. */
    private final Runnable endScope;

    private final int depth;
    private final ScopeMode mode;
    private boolean closed;

    ScopeHandle(ScopeStack scopes, Runnable endScope, int depth, ScopeMode mode) {
        this.scopes = scopes;
        this.endScope = endScope;
        this.depth = depth;
        this.mode = mode;
    }

    @Override
    public ScopeMode mode() {
        return mode;
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public void close() {
        if (closed) {
            throw new InvalidArgumentsException("scope at depth " + depth + " is already closed: close each scope once"
                    + " (a try-with-resources block closes it for you)");
        }
        if (scopes.depth() != depth) {
            throw new InvalidArgumentsException("scope at depth " + depth
                    + " closed while the innermost open scope is at depth " + scopes.depth()
                    + ": close scopes innermost first");
        }
        closed = true;
        endScope.run();
    }
}
