package dev.tessera.api;

/** AUTO scopes infer dependencies from tensors; MANUAL scopes use explicit dependencies only. */
public enum ScopeMode {
    AUTO,
    MANUAL
}
