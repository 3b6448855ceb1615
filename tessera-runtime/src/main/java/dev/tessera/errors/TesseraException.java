package dev.tessera.errors;

/** Every failure Tessera reports carries the reference's error code. */
public class TesseraException extends RuntimeException {
    private final ErrorCode code;

    public TesseraException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public TesseraException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public String getMessage() {
        return "[" + code + " (" + code.code() + ")] " + super.getMessage();
    }
}
