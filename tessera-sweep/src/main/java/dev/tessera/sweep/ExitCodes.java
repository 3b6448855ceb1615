package dev.tessera.sweep;

/** The exit codes of {@code tessera sweep}, in the same spirit as the tessera command's. */
final class ExitCodes {
    /** Every point passed, or a dry run. */
    static final int OK = 0;
    /** The sweep ran to the end but some point failed, errored or timed out; every row is written. */
    static final int SOME_FAILED = 1;
    /** Bad command line or sweep file; nothing ran. */
    static final int USAGE = 2;
    /** The engine failed (Spark could not start, the cluster went away); finished rows are kept. */
    static final int ENGINE_ERROR = 3;
    /** The output folder cannot be written. */
    static final int OUTPUT_ERROR = 4;
    /** Stopped by a signal (Ctrl-C: 128 + SIGINT), finished rows kept; what the JVM returns anyway. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
