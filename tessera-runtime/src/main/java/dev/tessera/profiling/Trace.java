package dev.tessera.profiling;

/** Placeholder: replaced by the recorded timeline model. */
public final class Trace {
}
