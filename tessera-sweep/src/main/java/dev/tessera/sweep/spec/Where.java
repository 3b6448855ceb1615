package dev.tessera.sweep.spec;

/**
 * Where a value of the sweep came from: a file and line, or a command-line flag (line 0), and the
 * key path within it. Every check of a value fails through {@link #fail}.
 */
public record Where(String source, int line, String key) {
    /** A flag: the source is the command line and the key is the flag's name. */
    public static Where flag(String name) {
        return new Where("command line", 0, name);
    }

    /** The value of {@code child} under this key, at {@code childLine}. */
    Where child(String child, int childLine) {
        return new Where(source, childLine, key == null ? child : key + "." + child);
    }

    /** The {@code i}-th item of the list at this key. */
    Where item(int i, int itemLine) {
        return new Where(source, itemLine, (key == null ? "" : key) + "[" + i + "]");
    }

    SweepFileException fail(String problem) {
        return new SweepFileException(source, line, key, problem);
    }
}
