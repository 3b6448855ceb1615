package dev.tessera.errors;

/** A failure while tasks ran: a kernel threw, a core hung, or a scheduler timed out. */
public final class ExecutionException extends TesseraException {
    public ExecutionException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
