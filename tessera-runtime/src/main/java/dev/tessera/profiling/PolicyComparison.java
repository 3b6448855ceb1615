package dev.tessera.profiling;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tessera.profiling.timing.DispatchTimings;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Several runs of one workload under different dispatch policies, side by side: the statistics of
 * each ({@link TraceStats}) and the dispatch figures the reference measured ({@link DispatchTimings}),
 * as a text table and as JSON keyed by policy name. Built for {@code compare --policies}.
 */
public final class PolicyComparison {
    private static final JsonFactory JSON = new JsonFactory();

    /** One run: its name in the comparison (the policy's), its trace and what was computed from it. */
    public record Run(String name, Trace trace, TraceStats stats, DispatchTimings timings) {
        public static Run of(String name, Trace trace) {
            return new Run(name, trace, TraceStats.of(trace), DispatchTimings.of(trace));
        }
    }

    /** The run name {@code compare --bound} gives its zero-cost-dispatch run. */
    public static final String BOUND = "bound";

    private final List<Run> runs;
    /** The zero-cost-dispatch run, last in {@link #runs}; null without one. */
    private final Run bound;

    public PolicyComparison(List<Run> runs) {
        this(runs, false);
    }

    /**
     * @param lastIsBound the last run is the first policy under zero-cost dispatch
     *     ({@code CostModel.withIdealDispatch}): the table and JSON then say how far above it every run is
     */
    public PolicyComparison(List<Run> runs, boolean lastIsBound) {
        if (runs.isEmpty()) throw new IllegalArgumentException("nothing to compare");
        this.runs = List.copyOf(runs);
        this.bound = lastIsBound ? runs.getLast() : null;
    }

    /** How far {@code r}'s makespan is above the bound's, in % of the bound; NaN without a bound. */
    public double aboveBoundPct(Run r) {
        if (bound == null || bound.stats().makespanNs() <= 0) return Double.NaN;
        return 100.0
                * (r.stats().makespanNs() - bound.stats().makespanNs())
                / bound.stats().makespanNs();
    }

    public List<Run> runs() {
        return runs;
    }

    /** One column per run: makespan, overhead, utilisation, blocks per scheduler, the dispatch figures. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        row(sb, "", r -> r.name());
        row(sb, "makespan (us)", r -> us(r.stats().makespanNs()));
        if (bound != null) row(sb, "above the bound (%)", r -> pct(aboveBoundPct(r)));
        row(sb, "overhead AIC (%)", r -> pct(r.stats().aic().overheadPct()));
        row(sb, "overhead AIV (%)", r -> pct(r.stats().aiv().overheadPct()));
        row(sb, "utilisation AIC (%)", r -> pct(r.stats().aic().utilisationPct()));
        row(sb, "utilisation AIV (%)", r -> pct(r.stats().aiv().utilisationPct()));
        row(sb, "blocks per scheduler", r -> perScheduler(r.stats()));
        row(
                sb,
                "first-wave start span, median (us)",
                r -> us(DispatchTimings.median(r.timings().firstWaveStartSpansNs())));
        row(sb, "first-dispatch stagger (us)", r -> us(r.timings().firstDispatchStaggerNs()));
        row(
                sb,
                "task dispatch stagger, median (us)",
                r -> us(DispatchTimings.median(r.timings().taskDispatchStaggersNs())));
        row(
                sb,
                "sync-start burst, median (us)",
                r -> us(DispatchTimings.median(r.timings().syncStartBurstsNs())));
        List<TraceStats.TaskStats> first = runs.getFirst().stats().spmdTasks();
        int n = first.size();
        for (Run r : runs) n = Math.min(n, r.stats().spmdTasks().size());
        int shown = Math.min(n, 12);
        for (int i = 0; i < shown; i++) {
            TraceStats.TaskStats t = first.get(i);
            int k = i;
            row(
                    sb,
                    "task " + t.id() + " " + clip(t.name(), 14) + " x" + t.blockNum() + " spread (us)",
                    r -> us(r.stats().spmdTasks().get(k).startSpreadNs()));
        }
        if (n > shown) sb.append("(").append(n - shown).append(" more SPMD tasks: see the JSON)\n");
        return sb.toString();
    }

    private void row(StringBuilder sb, String label, Function<Run, String> cell) {
        sb.append(String.format(Locale.ROOT, "%-38s", label));
        for (Run r : runs) sb.append(String.format(Locale.ROOT, " %22s", clip(cell.apply(r), 22)));
        sb.append('\n');
    }

    /**
     * {@code {"serial": {stats...}, "head": {...}, "dispatch": {...}}}; with a bound also its run
     * ({@value #BOUND}) and {@code "aboveBoundPct": {"serial": %, ...}}.
     */
    public String json() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            for (Run r : runs) {
                g.writeFieldName(r.name());
                StatsJson.write(g, r.stats());
            }
            if (bound != null) {
                // what a policy could gain at most by dispatching more cheaply, per run
                g.writeObjectFieldStart("aboveBoundPct");
                for (Run r : runs.subList(0, runs.size() - 1)) g.writeNumberField(r.name(), aboveBoundPct(r));
                g.writeEndObject();
            }
            g.writeFieldName("dispatch");
            g.writeStartObject();
            for (Run r : runs) {
                g.writeObjectFieldStart(r.name());
                writeArray(g, "firstWaveStartSpansNs", r.timings().firstWaveStartSpansNs());
                g.writeNumberField("firstDispatchStaggerNs", r.timings().firstDispatchStaggerNs());
                g.writeNumberField(
                        "taskDispatchStaggerMedianNs",
                        DispatchTimings.median(r.timings().taskDispatchStaggersNs()));
                g.writeNumberField(
                        "syncStartBurstMedianNs",
                        DispatchTimings.median(r.timings().syncStartBurstsNs()));
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    public void writeJson(Path file) {
        AtomicFile.writeText(file, json());
    }

    private static void writeArray(JsonGenerator g, String name, long[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (long v : values) g.writeNumber(v);
        g.writeEndArray();
    }

    private static String perScheduler(TraceStats s) {
        List<String> parts = new ArrayList<>();
        for (TraceStats.SchedulerStats x : s.schedulers()) parts.add(Long.toString(x.blocksDispatched()));
        return String.join("/", parts);
    }

    private static String us(long ns) {
        return ns == Trace.NONE ? "-" : TimeFormat.micros(ns);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
