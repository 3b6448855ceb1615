package dev.tessera.sweep.point;

import dev.tessera.profiling.Trace;
import dev.tessera.profiling.TraceStats;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The figures of a run's statistics ({@link TraceStats}, what {@code tessera run --stats} writes as
 * JSON), one column each: every top-level figure of the JSON under its JSON name, nested objects
 * joined with {@code _} ({@code overheadPct.aic} is {@code overheadPct_aic}), the per-scheduler
 * arrays as {@code 8/8/8} strings and the per-task spreads reduced over the SPMD tasks (the JSON
 * lists every task; a row holds one run). FiguresTest fails when the JSON gains a figure that has
 * no column here.
 */
public final class Figures {
    public static final List<Column> COLUMNS = List.of(
            Column.int64("makespanNs", "simulated (sim) or wall-clock (threaded) makespan, ns"),
            Column.int64("clusters", "clusters of the topology"),
            Column.int64("schedulerThreads", "scheduler threads of the topology"),
            Column.int64("tasks", "tasks submitted"),
            Column.int64("blocks", "blocks dispatched"),
            Column.int64("subtasks", "core dispatches (blocks x active kernel slots)"),
            Column.float64(
                    "overheadPct_aic", "AIC cores idle while ready AIC work was undispatched, % of cores x makespan"),
            Column.float64("overheadPct_aiv", "the same for AIV cores, %"),
            Column.int64("overheadCoreNs_aic", "AIC idle-while-ready time summed over the cores, core-ns"),
            Column.int64("overheadCoreNs_aiv", "the same for AIV cores, core-ns"),
            Column.float64("utilisationPct_aic", "AIC busy time, % of cores x makespan"),
            Column.float64("utilisationPct_aiv", "AIV busy time, %"),
            Column.string("blocksPerScheduler", "blocks each scheduler dispatched, s0/s1/..."),
            Column.string("subtasksPerScheduler", "core dispatches each scheduler made, s0/s1/..."),
            Column.int64("schedulerBlocksMin", "fewest blocks any scheduler dispatched"),
            Column.int64("schedulerBlocksMax", "most blocks any scheduler dispatched"),
            Column.int64("spmdTasks", "tasks with more than one block"),
            Column.int64("startSpreadNs_max", "largest first-to-last block start spread of an SPMD task, ns"),
            Column.float64("startSpreadNs_mean", "mean start spread over the SPMD tasks, ns"),
            Column.int64("dispatchSpreadNs_max", "largest first-to-last block dispatch spread of an SPMD task, ns"),
            Column.float64("dispatchSpreadNs_mean", "mean dispatch spread over the SPMD tasks, ns"));

    private Figures() {}

    /** The figures of {@code s} by column name; SPMD spreads are null when the run had no SPMD task. */
    public static Map<String, Object> of(TraceStats s) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("makespanNs", s.makespanNs());
        f.put("clusters", (long) s.topology().clusters());
        f.put("schedulerThreads", (long) s.topology().schedulers());
        f.put("tasks", (long) s.tasks().size());
        f.put("blocks", s.blocks());
        f.put("subtasks", s.subtasks());
        f.put("overheadPct_aic", s.aic().overheadPct());
        f.put("overheadPct_aiv", s.aiv().overheadPct());
        f.put("overheadCoreNs_aic", s.aic().idleWhileReadyNs());
        f.put("overheadCoreNs_aiv", s.aiv().idleWhileReadyNs());
        f.put("utilisationPct_aic", s.aic().utilisationPct());
        f.put("utilisationPct_aiv", s.aiv().utilisationPct());
        long[] blocks = s.schedulers().stream()
                .mapToLong(TraceStats.SchedulerStats::blocksDispatched)
                .toArray();
        long[] subtasks = s.schedulers().stream()
                .mapToLong(TraceStats.SchedulerStats::subtasksDispatched)
                .toArray();
        f.put("blocksPerScheduler", join(blocks));
        f.put("subtasksPerScheduler", join(subtasks));
        f.put("schedulerBlocksMin", Arrays.stream(blocks).min().orElse(0));
        f.put("schedulerBlocksMax", Arrays.stream(blocks).max().orElse(0));
        List<TraceStats.TaskStats> spmd = s.spmdTasks();
        f.put("spmdTasks", (long) spmd.size());
        long[] start = known(
                spmd.stream().mapToLong(TraceStats.TaskStats::startSpreadNs).toArray());
        long[] dispatch = known(
                spmd.stream().mapToLong(TraceStats.TaskStats::dispatchSpreadNs).toArray());
        f.put(
                "startSpreadNs_max",
                start.length == 0 ? null : Arrays.stream(start).max().getAsLong());
        f.put(
                "startSpreadNs_mean",
                start.length == 0 ? null : Arrays.stream(start).average().getAsDouble());
        f.put(
                "dispatchSpreadNs_max",
                dispatch.length == 0 ? null : Arrays.stream(dispatch).max().getAsLong());
        f.put(
                "dispatchSpreadNs_mean",
                dispatch.length == 0 ? null : Arrays.stream(dispatch).average().getAsDouble());
        return f;
    }

    /** The column called {@code name}, if it is a figure. */
    public static java.util.Optional<Column> column(String name) {
        return COLUMNS.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Spreads of tasks none of whose blocks got that far are {@link Trace#NONE}: leave them out. */
    private static long[] known(long[] values) {
        return Arrays.stream(values).filter(v -> v != Trace.NONE).toArray();
    }

    private static String join(long[] values) {
        StringJoiner j = new StringJoiner("/");
        for (long v : values) j.add(Long.toString(v));
        return j.toString();
    }
}
