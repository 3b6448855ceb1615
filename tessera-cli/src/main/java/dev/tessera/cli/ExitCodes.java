package dev.tessera.cli;

/** What {@code tessera} exits with; scripts and CI rely on these. */
final class ExitCodes {
    /** The command worked; for {@code run}/{@code demo}: the output matched the golden. */
    static final int OK = 0;
    /** The run finished but the output did not match the golden. */
    static final int FAIL = 1;
    /** Bad command line: unknown command, example, option or value (picocli's usage code). */
    static final int USAGE = 2;
    /** The run itself failed: the runtime reported an error (bad task, kernel threw, timeout). */
    static final int RUN_ERROR = 3;

    private ExitCodes() {}
}
