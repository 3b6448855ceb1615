package dev.tessera.sweep.point;

/**
 * One column of the results: its name (the same in Parquet, CSV and the summary), its type, and a
 * line for docs/sweeps.md and the HTML summary.
 */
public record Column(String name, Type type, String description) {
    public enum Type {
        STRING,
        LONG,
        DOUBLE,
        BOOLEAN;

        public boolean numeric() {
            return this == LONG || this == DOUBLE;
        }
    }

    public static Column string(String name, String description) {
        return new Column(name, Type.STRING, description);
    }

    public static Column int64(String name, String description) {
        return new Column(name, Type.LONG, description);
    }

    public static Column float64(String name, String description) {
        return new Column(name, Type.DOUBLE, description);
    }

    public static Column bool(String name, String description) {
        return new Column(name, Type.BOOLEAN, description);
    }
}
