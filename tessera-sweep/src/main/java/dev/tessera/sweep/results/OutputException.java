package dev.tessera.sweep.results;

/** The output folder or one of its files cannot be written (or read back, for --resume). */
public final class OutputException extends RuntimeException {
    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
