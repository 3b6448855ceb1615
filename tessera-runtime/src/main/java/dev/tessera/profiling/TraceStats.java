package dev.tessera.profiling;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tessera.topology.CoreType;
import dev.tessera.topology.Topology;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Numbers that say how well a run kept its cores busy and how its SPMD blocks were spread.
 *
 * <p><b>Block times.</b> A block's start is the earliest start of its subtasks, its dispatch the
 * earliest dispatch; a block counts for the scheduler that dispatched that earliest subtask. A
 * task's <em>start spread</em> is its last block start minus its first: near zero when all blocks
 * start together, about (blocks − 1) × per-block dispatch cost for a serial staircase.
 *
 * <p><b>Scheduler overhead</b> (the reference's "idle core while ready work is undispatched"), per
 * core type T: a task <em>needs</em> T from its ready time (the earliest {@code readyNs} of its
 * subtasks) until its last subtask is dispatched (until the makespan if some block never was);
 * MIX tasks need both types, AIC and AIV tasks their own, DUMMY tasks none. A core is <em>idle</em>
 * when no subtask is running on it (between start and end; a core that has been dispatched to but
 * not yet started is idle). Then
 * <pre>
 *   overhead_T = 100 × Σ_{cores c of type T} |idle(c) ∩ need(T) ∩ [0, makespan)| / (#cores_T × makespan)
 * </pre>
 * i.e. the average, over the cores of that type, of the share of the makespan they spent idle while
 * work they could have run was waiting for a scheduler. <b>Utilisation</b> is the same average of
 * |busy(c) ∩ [0, makespan)|.
 */
public final class TraceStats {
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Per-task block statistics; times are {@link Trace#NONE} if no block got that far.
     * {@code allDispatchedNs} is the last dispatch of any subtask, which for a MIX block can be
     * later than the block's own (first) dispatch.
     */
    public record TaskStats(
            long id,
            String name,
            String shape,
            int blockNum,
            boolean syncStart,
            int blocksRun,
            long readyNs,
            long firstDispatchNs,
            long lastDispatchNs,
            long allDispatchedNs,
            long firstStartNs,
            long lastStartNs,
            long lastEndNs,
            int[] blocksPerScheduler) {
        public TaskStats {
            blocksPerScheduler = blocksPerScheduler.clone();
        }

        @Override
        public int[] blocksPerScheduler() {
            return blocksPerScheduler.clone();
        }

        public long startSpreadNs() {
            return firstStartNs == Trace.NONE ? Trace.NONE : lastStartNs - firstStartNs;
        }

        public long dispatchSpreadNs() {
            return firstDispatchNs == Trace.NONE ? Trace.NONE : lastDispatchNs - firstDispatchNs;
        }

        public boolean spmd() {
            return blockNum > 1;
        }
    }

    public record SchedulerStats(int id, long blocksDispatched, long subtasksDispatched) {}

    /**
     * One core type: {@code idleWhileReadyNs} and {@code busyNs} are summed over its cores
     * (core-nanoseconds); the percentages divide by cores × makespan.
     */
    public record CoreTypeStats(
            CoreType type, int cores, long idleWhileReadyNs, long busyNs, double overheadPct, double utilisationPct) {}

    private final String policy;
    private final String platform;
    private final Topology topology;
    private final long makespanNs;
    private final long subtasks;
    private final List<TaskStats> tasks;
    private final List<SchedulerStats> schedulers;
    private final CoreTypeStats aic;
    private final CoreTypeStats aiv;

    private TraceStats(
            Trace trace, List<TaskStats> tasks, List<SchedulerStats> schedulers, CoreTypeStats aic, CoreTypeStats aiv) {
        this.policy = trace.policy();
        this.platform = trace.platform();
        this.topology = trace.topology();
        this.makespanNs = trace.makespanNs();
        this.subtasks = trace.subtasks().size();
        this.tasks = List.copyOf(tasks);
        this.schedulers = List.copyOf(schedulers);
        this.aic = aic;
        this.aiv = aiv;
    }

    public static TraceStats of(Trace trace) {
        int nSched = trace.schedulerCount();
        List<TaskStats> tasks = taskStats(trace, nSched);
        long[] blocks = new long[nSched], subs = new long[nSched];
        for (TaskStats t : tasks) {
            int[] per = t.blocksPerScheduler();
            for (int s = 0; s < nSched; s++) blocks[s] += per[s];
        }
        for (Trace.Subtask s : trace.subtasks()) if (s.dispatchNs() != Trace.NONE) subs[s.scheduler()]++;
        List<SchedulerStats> scheds = new ArrayList<>();
        for (int s = 0; s < nSched; s++) scheds.add(new SchedulerStats(s, blocks[s], subs[s]));
        return new TraceStats(
                trace,
                tasks,
                scheds,
                coreTypeStats(trace, tasks, CoreType.AIC),
                coreTypeStats(trace, tasks, CoreType.AIV));
    }

    /** Earliest dispatch, its scheduler, and earliest start of one block. */
    private static final class BlockTimes {
        long dispatchNs = Long.MAX_VALUE;
        int scheduler = -1;
        long startNs = Long.MAX_VALUE;
    }

    private static List<TaskStats> taskStats(Trace trace, int nSched) {
        List<Trace.Task> taskList = trace.tasks();
        List<Map<Integer, BlockTimes>> blocks = new ArrayList<>();
        long[] ready = new long[taskList.size()], lastEnd = new long[taskList.size()];
        long[] allDispatched = new long[taskList.size()];
        Arrays.fill(ready, Long.MAX_VALUE);
        Arrays.fill(lastEnd, Trace.NONE);
        Arrays.fill(allDispatched, Trace.NONE);
        for (int i = 0; i < taskList.size(); i++) blocks.add(new HashMap<>());
        for (Trace.Subtask s : trace.subtasks()) {
            int t = trace.taskIndex(s.taskId());
            BlockTimes b = blocks.get(t).computeIfAbsent(s.blockIdx(), k -> new BlockTimes());
            if (s.dispatchNs() != Trace.NONE && s.dispatchNs() < b.dispatchNs) {
                b.dispatchNs = s.dispatchNs();
                b.scheduler = s.scheduler();
            }
            if (b.scheduler < 0) b.scheduler = s.scheduler();
            if (s.startNs() != Trace.NONE) b.startNs = Math.min(b.startNs, s.startNs());
            if (s.readyNs() != Trace.NONE) ready[t] = Math.min(ready[t], s.readyNs());
            lastEnd[t] = Math.max(lastEnd[t], s.endNs());
            allDispatched[t] = Math.max(allDispatched[t], s.dispatchNs());
        }
        List<TaskStats> out = new ArrayList<>();
        for (int t = 0; t < taskList.size(); t++) {
            Trace.Task task = taskList.get(t);
            long firstD = Long.MAX_VALUE, lastD = Long.MIN_VALUE, firstS = Long.MAX_VALUE, lastS = Long.MIN_VALUE;
            int[] perSched = new int[nSched];
            for (BlockTimes b : blocks.get(t).values()) {
                perSched[b.scheduler]++;
                if (b.dispatchNs != Long.MAX_VALUE) {
                    firstD = Math.min(firstD, b.dispatchNs);
                    lastD = Math.max(lastD, b.dispatchNs);
                }
                if (b.startNs != Long.MAX_VALUE) {
                    firstS = Math.min(firstS, b.startNs);
                    lastS = Math.max(lastS, b.startNs);
                }
            }
            out.add(new TaskStats(
                    task.id(),
                    task.name(),
                    task.shapeName(),
                    task.blockNum(),
                    task.syncStart(),
                    blocks.get(t).size(),
                    ready[t] == Long.MAX_VALUE ? Trace.NONE : ready[t],
                    orNone(firstD),
                    orNone(lastD),
                    allDispatched[t],
                    orNone(firstS),
                    orNone(lastS),
                    lastEnd[t],
                    perSched));
        }
        return out;
    }

    private static long orNone(long v) {
        return v == Long.MAX_VALUE || v == Long.MIN_VALUE ? Trace.NONE : v;
    }

    private static boolean needs(String shape, CoreType type) {
        return switch (shape) {
            case "MIX" -> true;
            case "AIC" -> type == CoreType.AIC;
            case "AIV" -> type == CoreType.AIV;
            default -> false;
        };
    }

    private static CoreTypeStats coreTypeStats(Trace trace, List<TaskStats> tasks, CoreType type) {
        Topology topo = trace.topology();
        long span = trace.makespanNs();
        Intervals need = new Intervals();
        for (TaskStats t : tasks) {
            if (!needs(t.shape(), type) || t.readyNs() == Trace.NONE) continue;
            boolean allDispatched = t.blocksRun() >= t.blockNum() && t.allDispatchedNs() != Trace.NONE;
            need.add(t.readyNs(), allDispatched ? t.allDispatchedNs() : span, span);
        }
        Intervals[] busy = new Intervals[topo.cores()];
        for (Trace.Subtask s : trace.subtasks()) {
            if (topo.typeOf(s.core()) != type) continue;
            if (busy[s.core()] == null) busy[s.core()] = new Intervals();
            busy[s.core()].add(s.startNs(), s.endNs(), span);
        }
        long needLength = need.length();
        long idleWhileReady = 0, busyTotal = 0;
        int cores = 0;
        for (int c = 0; c < topo.cores(); c++) {
            if (topo.typeOf(c) != type) continue;
            cores++;
            if (busy[c] == null) {
                idleWhileReady += needLength;
            } else {
                idleWhileReady += needLength - need.overlap(busy[c]);
                busyTotal += busy[c].length();
            }
        }
        double denominator = (double) cores * span;
        return new CoreTypeStats(
                type,
                cores,
                idleWhileReady,
                busyTotal,
                span > 0 ? 100.0 * idleWhileReady / denominator : 0,
                span > 0 ? 100.0 * busyTotal / denominator : 0);
    }

    public String policy() {
        return policy;
    }

    public String platform() {
        return platform;
    }

    public Topology topology() {
        return topology;
    }

    public long makespanNs() {
        return makespanNs;
    }

    public long subtasks() {
        return subtasks;
    }

    public List<TaskStats> tasks() {
        return tasks;
    }

    /** Tasks with more than one block, in submission order. */
    public List<TaskStats> spmdTasks() {
        return tasks.stream().filter(TaskStats::spmd).toList();
    }

    public List<SchedulerStats> schedulers() {
        return schedulers;
    }

    public CoreTypeStats aic() {
        return aic;
    }

    public CoreTypeStats aiv() {
        return aiv;
    }

    public long blocks() {
        long b = 0;
        for (SchedulerStats s : schedulers) b += s.blocksDispatched();
        return b;
    }

    // ---------------------------------------------------------------- JSON

    /** Writes this report as one JSON object at the generator's current position. */
    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("policy", policy);
        g.writeStringField("platform", platform);
        g.writeStringField("topology", topology.name());
        g.writeNumberField("clusters", topology.clusters());
        g.writeNumberField("schedulerThreads", topology.schedulers());
        g.writeNumberField("makespanNs", makespanNs);
        g.writeNumberField("blocks", blocks());
        g.writeNumberField("subtasks", subtasks);
        g.writeArrayFieldStart("tasks");
        for (TaskStats t : tasks) writeTask(g, t);
        g.writeEndArray();
        g.writeArrayFieldStart("schedulers");
        for (SchedulerStats s : schedulers) {
            g.writeStartObject();
            g.writeNumberField("id", s.id());
            g.writeNumberField("blocksDispatched", s.blocksDispatched());
            g.writeNumberField("subtasksDispatched", s.subtasksDispatched());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("overheadPct");
        g.writeNumberField("aic", aic.overheadPct());
        g.writeNumberField("aiv", aiv.overheadPct());
        g.writeEndObject();
        g.writeObjectFieldStart("overheadCoreNs");
        g.writeNumberField("aic", aic.idleWhileReadyNs());
        g.writeNumberField("aiv", aiv.idleWhileReadyNs());
        g.writeEndObject();
        g.writeObjectFieldStart("utilisationPct");
        g.writeNumberField("aic", aic.utilisationPct());
        g.writeNumberField("aiv", aiv.utilisationPct());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeTask(JsonGenerator g, TaskStats t) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", t.id());
        g.writeStringField("name", t.name());
        g.writeStringField("shape", t.shape());
        g.writeNumberField("blockNum", t.blockNum());
        g.writeBooleanField("syncStart", t.syncStart());
        g.writeNumberField("blocksRun", t.blocksRun());
        g.writeNumberField("readyNs", t.readyNs());
        g.writeNumberField("firstDispatchNs", t.firstDispatchNs());
        g.writeNumberField("lastDispatchNs", t.lastDispatchNs());
        g.writeNumberField("dispatchSpreadNs", t.dispatchSpreadNs());
        g.writeNumberField("allDispatchedNs", t.allDispatchedNs());
        g.writeNumberField("firstStartNs", t.firstStartNs());
        g.writeNumberField("lastStartNs", t.lastStartNs());
        g.writeNumberField("startSpreadNs", t.startSpreadNs());
        g.writeNumberField("lastEndNs", t.lastEndNs());
        g.writeArrayFieldStart("blocksPerScheduler");
        for (int n : t.blocksPerScheduler()) g.writeNumber(n);
        g.writeEndArray();
        g.writeEndObject();
    }

    public String toJson() {
        return json(g -> writeJson(g));
    }

    public void writeJson(Path file) {
        write(file, toJson());
    }

    /** {@code {"serial": {...}, "parallel": {...}}}. */
    public static String comparisonJson(TraceStats serial, TraceStats parallel) {
        return json(g -> {
            g.writeStartObject();
            g.writeFieldName("serial");
            serial.writeJson(g);
            g.writeFieldName("parallel");
            parallel.writeJson(g);
            g.writeEndObject();
        });
    }

    public static void writeComparisonJson(TraceStats serial, TraceStats parallel, Path file) {
        write(file, comparisonJson(serial, parallel));
    }

    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(JsonBody body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void write(Path file, String text) {
        AtomicFile.writeText(file, text);
    }

    // ---------------------------------------------------------------- text

    /** A few lines for a terminal: run, makespan, overhead, utilisation, blocks, SPMD spreads. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(policy)
                .append(" on ")
                .append(platform)
                .append(", ")
                .append(topology)
                .append('\n');
        line(sb, "makespan", us(makespanNs) + " us");
        line(
                sb,
                "overhead",
                String.format(
                        Locale.ROOT,
                        "AIC %.2f %%, AIV %.2f %% (idle core while ready work is undispatched)",
                        aic.overheadPct(),
                        aiv.overheadPct()));
        line(
                sb,
                "utilisation",
                String.format(Locale.ROOT, "AIC %.2f %%, AIV %.2f %%", aic.utilisationPct(), aiv.utilisationPct()));
        line(
                sb,
                "blocks/scheduler",
                perScheduler(schedulers) + " (" + blocks() + " blocks, " + subtasks + " subtasks)");
        List<TaskStats> spmd = spmdTasks();
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
        sb.append(String.format(Locale.ROOT, row, "makespan (us)", us(serial.makespanNs), us(parallel.makespanNs)));
        sb.append(String.format(
                Locale.ROOT, row, "overhead AIC (%)", pct(serial.aic.overheadPct()), pct(parallel.aic.overheadPct())));
        sb.append(String.format(
                Locale.ROOT, row, "overhead AIV (%)", pct(serial.aiv.overheadPct()), pct(parallel.aiv.overheadPct())));
        sb.append(String.format(
                Locale.ROOT,
                row,
                "utilisation AIC (%)",
                pct(serial.aic.utilisationPct()),
                pct(parallel.aic.utilisationPct())));
        sb.append(String.format(
                Locale.ROOT,
                row,
                "utilisation AIV (%)",
                pct(serial.aiv.utilisationPct()),
                pct(parallel.aiv.utilisationPct())));
        sb.append(String.format(
                Locale.ROOT,
                row,
                "blocks per scheduler",
                perScheduler(serial.schedulers),
                perScheduler(parallel.schedulers)));
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
