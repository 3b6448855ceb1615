package dev.tessera.profiling.timing;

/**
 * A producer → consumer edge between kernels, by task name, whose hand-off gap a run reports
 * ({@link HandoffGaps}). A name matches a task named exactly so or with a {@code _} suffix:
 * {@code qwen3_out_proj} covers {@code qwen3_out_proj_0}.
 */
public record Edge(String producer, String consumer) {
    /** {@code "a->b"} or {@code "a→b"}, spaces around the names allowed. */
    public static Edge parse(String text) {
        String[] p = text.split("->|→");
        if (p.length != 2 || p[0].isBlank() || p[1].isBlank())
            throw new IllegalArgumentException("an edge is PRODUCER->CONSUMER, got '" + text + "'");
        return new Edge(p[0].trim(), p[1].trim());
    }

    boolean producedBy(String taskName) {
        return matches(taskName, producer);
    }

    boolean consumedBy(String taskName) {
        return matches(taskName, consumer);
    }

    private static boolean matches(String name, String kernel) {
        return name.equals(kernel) || name.startsWith(kernel + "_");
    }

    /** {@code "a → b"}, as the console shows it. */
    @Override
    public String toString() {
        return producer + " → " + consumer;
    }

    /** {@code "a->b"}, as dispatch.json keys it. */
    public String key() {
        return producer + "->" + consumer;
    }
}
