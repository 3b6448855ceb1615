package dev.tessera.sweep.engine;

/** The engine itself failed (not a point): Spark could not start, or the job was lost. */
public final class EngineException extends RuntimeException {
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
