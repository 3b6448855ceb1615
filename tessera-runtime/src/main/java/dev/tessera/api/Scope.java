package dev.tessera.api;

/** A nested lifetime for tasks and their outputs; closing it releases the scope's hold on them. */
public interface Scope extends AutoCloseable {
    ScopeMode mode();

    int depth();

    @Override
    void close();
}
