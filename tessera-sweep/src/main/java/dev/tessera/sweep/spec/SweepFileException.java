package dev.tessera.sweep.spec;

/**
 * A sweep that cannot run: a file that does not parse, an unknown key, a value of the wrong kind,
 * or a name (example, policy, topology, option...) that Tessera does not know. The message names
 * the file, the line and the key, e.g. {@code policies.json:7: policies[2]: unknown dispatch policy 'fast'}.
 */
public final class SweepFileException extends RuntimeException {
    private final String source;
    private final int line;
    private final String key;

    /**
     * @param source the file name, or {@code "command line"} for flags
     * @param line   1-based, or 0 when unknown (flags)
     * @param key    the key path, e.g. {@code examples[1].options.case}, or null for the whole file
     */
    public SweepFileException(String source, int line, String key, String problem) {
        super(format(source, line, key, problem));
        this.source = source;
        this.line = line;
        this.key = key;
    }

    private static String format(String source, int line, String key, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) sb.append(':').append(line);
        sb.append(": ");
        if (key != null) sb.append(key).append(": ");
        return sb.append(problem).toString();
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    /** The key path the problem is at, or null. */
    public String key() {
        return key;
    }
}
