package dev.tessera.errors;

/** A submit, scope or allocation request that is invalid; nothing was changed by it. */
public final class InvalidArgumentsException extends TesseraException {
    public InvalidArgumentsException(String message) {
        super(ErrorCode.INVALID_ARGS, message);
    }
}
