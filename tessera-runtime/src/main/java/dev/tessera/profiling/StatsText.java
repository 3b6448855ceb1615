package dev.tessera.profiling;

import dev.tessera.profiling.TraceStats.SchedulerStats;
import dev.tessera.profiling.TraceStats.TaskStats;
import java.util.List;
import java.util.Locale;

/** {@link TraceStats} for a terminal: {@code run}'s summary and {@code compare}'s side-by-side table. */
public final class StatsText {
    private StatsText() {}

    /** A few lines for a terminal: run, makespan, overhead, utilisation, blocks, SPMD spreads. */
    public static String summary(TraceStats s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.policy())
                .append(" on ")
                .append(s.platform())
                .append(", ")
                .append(s.topology())
                .append('\n');
        line(sb, "makespan", us(s.makespanNs()) + " us");
        line(
                sb,
                "overhead",
                String.format(
                        Locale.ROOT,
                        "AIC %.2f %%, AIV %.2f %% (idle core while ready work is undispatched)",
                        s.aic().overheadPct(),
                        s.aiv().overheadPct()));
        line(
                sb,
                "utilisation",
                String.format(
                        Locale.ROOT,
                        "AIC %.2f %%, AIV %.2f %%",
                        s.aic().utilisationPct(),
                        s.aiv().utilisationPct()));
        line(
                sb,
                "blocks/scheduler",
                perScheduler(s.schedulers()) + " (" + s.blocks() + " blocks, " + s.subtasks() + " subtasks)");
        List<TaskStats> spmd = s.spmdTasks();
        if (!spmd.isEmpty()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-6s %-20s %6s %15s %15s  %s%n",
                    "task",
                    "name",
                    "blocks",
                    "start spread",
                    "dispatch spread",
                    "blocks/scheduler"));
            for (TaskStats t : spmd) {
                sb.append(String.format(
                        Locale.ROOT,
                        "  %-6d %-20s %6d %12s us %12s us  %s%n",
                        t.id(),
                        clip(t.name(), 20),
                        t.blockNum(),
                        us(t.startSpreadNs()),
                        us(t.dispatchSpreadNs()),
                        join(t.blocksPerScheduler())));
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "  %-17s %s%n", label, value));
    }

    /**
     * Serial and parallel side by side: makespan, overhead, utilisation, blocks per scheduler, and
     * per SPMD task (matched by position among the SPMD tasks: both runs submit the same graph) the
     * start spread and blocks per scheduler.
     */
    public static String comparisonTable(TraceStats serial, TraceStats parallel) {
        StringBuilder sb = new StringBuilder();
        String row = "%-34s %18s %18s%n";
        sb.append(String.format(
                Locale.ROOT,
                row,
                "",
                "before (" + serial.policy().toLowerCase(Locale.ROOT) + ")",
                "after (" + parallel.policy().toLowerCase(Locale.ROOT) + ")"));
        sb.append(String.format(Locale.ROOT, row, "makespan (us)", us(serial.makespanNs()), us(parallel.makespanNs())));
        sb.append(String.format(
                Locale.ROOT,
                row,
                "overhead AIC (%)",
                pct(serial.aic().overheadPct()),
                pct(parallel.aic().overheadPct())));
        sb.append(String.format(
                Locale.ROOT,
                row,
                "overhead AIV (%)",
                pct(serial.aiv().overheadPct()),
                pct(parallel.aiv().overheadPct())));
        sb.append(String.format(
                Locale.ROOT,
                row,
                "utilisation AIC (%)",
                pct(serial.aic().utilisationPct()),
                pct(parallel.aic().utilisationPct())));
        sb.append(String.format(
                Locale.ROOT,
                row,
                "utilisation AIV (%)",
                pct(serial.aiv().utilisationPct()),
                pct(parallel.aiv().utilisationPct())));
        sb.append(String.format(
                Locale.ROOT,
                row,
                "blocks per scheduler",
                perScheduler(serial.schedulers()),
                perScheduler(parallel.schedulers())));
        List<TaskStats> a = serial.spmdTasks(), b = parallel.spmdTasks();
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            TaskStats x = a.get(i), y = b.get(i);
            String label = "task " + x.id() + " " + clip(x.name(), 16) + " x" + x.blockNum();
            sb.append(String.format(
                    Locale.ROOT, row, label + " spread (us)", us(x.startSpreadNs()), us(y.startSpreadNs())));
            sb.append(String.format(
                    Locale.ROOT,
                    row,
                    "  blocks per scheduler",
                    join(x.blocksPerScheduler()),
                    join(y.blocksPerScheduler())));
        }
        if (a.size() != b.size()) {
            sb.append("(the runs have ")
                    .append(a.size())
                    .append(" and ")
                    .append(b.size())
                    .append(" SPMD tasks; only the first ")
                    .append(n)
                    .append(" are compared)\n");
        }
        return sb.toString();
    }

    private static String perScheduler(List<SchedulerStats> s) {
        StringBuilder sb = new StringBuilder();
        for (SchedulerStats x : s) sb.append(sb.isEmpty() ? "" : "/").append(x.blocksDispatched());
        return sb.toString();
    }

    private static String join(int[] values) {
        StringBuilder sb = new StringBuilder();
        for (int v : values) sb.append(sb.isEmpty() ? "" : "/").append(v);
        return sb.toString();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Nanoseconds as microseconds with three decimals, or "-" if unknown. */
    static String us(long ns) {
        return ns == Trace.NONE ? "-" : TimeFormat.micros(ns);
    }
}
