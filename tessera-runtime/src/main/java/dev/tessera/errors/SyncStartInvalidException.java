package dev.tessera.errors;

/** A syncStart task that can never launch all its blocks at once on this topology. */
public final class SyncStartInvalidException extends TesseraException {
    public SyncStartInvalidException(String message) {
        super(ErrorCode.REQUIRE_SYNC_START_INVALID, message);
    }
}
