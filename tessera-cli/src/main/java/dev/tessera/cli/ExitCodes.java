package dev.tessera.cli;

/** What {@code tessera} exits with; scripts and CI rely on these. */
final class ExitCodes {
    /** The command worked; for {@code run}/{@code demo}: the output matched the golden; for {@code compare}: both runs did. */
    static final int OK = 0;
    /** The run finished but the output did not match the golden (for {@code compare}: in at least one run). */
    static final int FAIL = 1;
    /** Bad command line: unknown command, example, option or value (picocli's usage code). */
    static final int USAGE = 2;
    /** The run itself failed: the runtime reported an error (bad task, kernel threw, timeout). */
    static final int RUN_ERROR = 3;
    /** An output file or folder ({@code --trace}, {@code --stats}, {@code compare --out}) could not be written. */
    static final int OUTPUT_ERROR = 4;

    private ExitCodes() {}
}
