package dev.tessera.api;

/** A nested lifetime for tasks and their outputs; closing it releases the scope's hold on them. */
public interface Scope extends AutoCloseable {
    /** Scopes nest at most this deep below the run's outer scope. */
    int MAX_DEPTH = 64;

    ScopeMode mode();

    int depth();

    @Override
    void close();
}
