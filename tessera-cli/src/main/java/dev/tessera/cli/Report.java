package dev.tessera.cli;

import dev.tessera.api.RunResult;
import dev.tessera.examples.run.ExampleRunner;
import dev.tessera.examples.run.Settings;
import dev.tessera.platform.threaded.CoreExecutor;
import dev.tessera.platform.threaded.ThreadedPlatform;
import dev.tessera.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** What {@code run}, {@code demo} and {@code compare} print: {@code key  value} rows, then a verdict. */
final class Report {
    private Report() {}

    /** The run summary without its verdict: example, settings, counts, makespan, blocks per scheduler, result. */
    static void summary(PrintWriter out, ExampleRunner.Outcome o) {
        RunResult r = o.result();
        settings(out, o.example().name(), o.settings(), o.settings().policyName());
        if (!o.options().values().isEmpty()) row(out, "options", o.options().describe());
        row(out, "tasks", Long.toString(r.tasks()));
        row(out, "blocks", r.blocks() + " (" + r.subtasks() + " core dispatches)");
        row(out, "makespan", String.format(Locale.ROOT, "%.1f µs", r.makespanNs() / 1_000.0));
        row(out, "per scheduler", perScheduler(r.blocksPerScheduler()));
        if (!o.preview().isEmpty()) row(out, "result", o.preview());
    }

    /** The rows every command shares: example, platform, topology, policy (as given), sync-start mode, seed. */
    static void settings(PrintWriter out, String example, Settings s, String policy) {
        row(out, "example", example);
        row(out, "platform", s.platform().name());
        if (s.platform() instanceof ThreadedPlatform tp) row(out, "cores", cores(tp.executor(), s.topology()));
        row(out, "topology", s.topology().toString());
        row(out, "policy", policy);
        row(out, "sync start", s.syncStartName());
        row(out, "seed", Long.toString(s.seed()));
    }

    /** {@code PASS (...)} or {@code FAIL (...)} with the first differences: the last thing a run prints. */
    static void verdict(PrintWriter out, ExampleRunner.Outcome o) {
        out.println(o.verdict().describe());
        out.flush();
    }

    /** The whole report of one run. */
    static void print(PrintWriter out, ExampleRunner.Outcome o) {
        summary(out, o);
        verdict(out, o);
    }

    /** One row per written file: {@code label  path  (what opens it)}. */
    static void file(PrintWriter out, String label, Path path, String note) {
        row(out, label, note.isEmpty() ? path.toString() : path + "  (" + note + ")");
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

    /** {@code pooled (2 workers, auto)}, {@code dedicated (76 threads)}: what the threaded platform runs cores on. */
    static String cores(CoreExecutor asked, Topology topology) {
        CoreExecutor e = asked.resolve(topology, java.lang.Runtime.getRuntime().availableProcessors());
        String how = e.kind() == CoreExecutor.Kind.POOLED
                ? "pooled (" + e.workers() + " worker" + (e.workers() == 1 ? "" : "s")
                : "dedicated (" + CoreExecutor.dedicatedThreads(topology) + " threads";
        return how + (asked.kind() == CoreExecutor.Kind.AUTO ? ", auto)" : ")");
    }

    static void row(PrintWriter out, String key, String value) {
        out.printf(Locale.ROOT, "%-14s %s%n", key, value);
    }
}
