package dev.tessera.sweep.point;

/** How a point ended. */
public enum Status {
    /** The run finished and its output matched the golden. */
    PASS,
    /** The run finished and its output did not match the golden (always so with compute off). */
    FAIL,
    /** The run threw: the error column says what. */
    ERROR,
    /** The run was still going at the point's timeout and was abandoned. */
    TIMEOUT;

    /** Whether the run finished, so that its figures exist. */
    public boolean finished() {
        return this == PASS || this == FAIL;
    }
}
