package dev.tessera.errors;

/**
 * With {@code Runtime.builder().hazardCheck(true)}: a submit or {@code readElement} touches a
 * region that an unfinished earlier task also touches, at least one of them writing, and the
 * runtime does not order the two. Thrown before anything is allocated: catch it and go on, or let
 * it end the run.
 */
public final class DependencyHazardException extends TesseraException {
    public DependencyHazardException(String message) {
        super(ErrorCode.DEPENDENCY_HAZARD, message);
    }
}
