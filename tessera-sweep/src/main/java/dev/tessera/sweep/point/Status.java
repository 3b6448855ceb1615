package dev.tessera.sweep.point;

/** How a point ended. */
public enum Status {
    /** The run finished and its output matched the golden. */
    PASS,
    /** The run finished and its output did not match the golden. */
    FAIL,
    /**
     * The run finished with compute off ({@code --no-compute}): a timing study whose kernels never
     * ran, so there was nothing to compare; it neither passes nor fails, like {@code tessera run}'s
     * NOT CHECKED.
     */
    UNCHECKED,
    /** The run threw: the error column says what. */
    ERROR,
    /** The run was still going at the point's timeout and was abandoned. */
    TIMEOUT;

    /** Whether the run finished, so that its figures exist. */
    public boolean finished() {
        return this == PASS || this == FAIL || this == UNCHECKED;
    }

    /** Whether the point counts as a success of the sweep (exit code 0): it passed, or there was nothing to check. */
    public boolean ok() {
        return this == PASS || this == UNCHECKED;
    }
}
