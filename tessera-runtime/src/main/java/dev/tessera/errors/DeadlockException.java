package dev.tessera.errors;

/** A ring or pool can never make room for the request: scope, heap ring, task ring or TensorMap. */
public final class DeadlockException extends TesseraException {
    public DeadlockException(ErrorCode code, String message) {
        super(code, message);
    }
}
