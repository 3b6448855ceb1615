package dev.tessera.cli;

import dev.tessera.api.RunResult;
import java.io.PrintWriter;
import java.util.Locale;

/** The short run summary printed by {@code run} and {@code demo}. */
final class Report {
    private Report() {}

    static void print(PrintWriter out, ExampleRunner.Outcome o) {
        RunResult r = o.result();
        row(out, "example", o.example().name());
        row(out, "platform", o.options().platform.name());
        row(out, "topology", o.options().topology.toString());
        row(out, "policy", o.options().policy.name());
        row(out, "seed", Long.toString(o.options().seed));
        row(out, "tasks", Long.toString(r.tasks()));
        row(out, "blocks", r.blocks() + " (" + r.subtasks() + " core dispatches)");
        row(out, "makespan", String.format(Locale.ROOT, "%.1f µs", r.makespanNs() / 1_000.0));
        row(out, "per scheduler", perScheduler(r.blocksPerScheduler()));
        if (!o.preview().isEmpty()) row(out, "result", o.preview());
        out.println(o.verdict().describe());
        out.flush();
    }

    /** {@code s0 32, s1 31, s2 31}: blocks dispatched by each scheduler. */
    static String perScheduler(long[] blocks) {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < blocks.length; s++) {
            if (s > 0) sb.append(", ");
            sb.append('s').append(s).append(' ').append(blocks[s]);
        }
        return sb.append(" blocks").toString();
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf(Locale.ROOT, "%-14s %s%n", key, value);
    }
}
