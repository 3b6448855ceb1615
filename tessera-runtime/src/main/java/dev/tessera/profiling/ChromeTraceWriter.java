package dev.tessera.profiling;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tessera.topology.CoreType;
import dev.tessera.topology.Topology;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a trace in the Chrome trace event format (JSON object form), which Perfetto
 * (ui.perfetto.dev) and chrome://tracing open.
 *
 * <p>Layout: process 1 "AIC cores" and process 2 "AIV cores" hold one thread track per core,
 * process 3 "schedulers" one track per scheduler. Each subtask is a complete event ({@code "ph":"X"}, category {@code subtask})
 * from start to end on its core; each dispatch a complete event (category {@code dispatch}) on its
 * scheduler, drawn as {@link DispatchSlices} explains; and a flow pair ({@code "s"} on the dispatch,
 * {@code "f"} on the subtask, category {@code flow}, one id per subtask) draws the dispatch → start
 * arrow. Timestamps are microseconds written with exactly three decimals, so nanoseconds survive.
 */
public final class ChromeTraceWriter {
    static final int PID_AIC = 1, PID_AIV = 2, PID_SCHEDULERS = 3;

    private static final JsonFactory JSON = new JsonFactory();

    private ChromeTraceWriter() {}

    /** Writes the trace to {@code file}, whole or not at all (see {@link AtomicFile}). */
    public static void write(Trace trace, Path file) {
        AtomicFile.write(file, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                write(trace, out);
            }
        });
    }

    /** Writes the whole document to {@code out}, which is left open. */
    public static void write(Trace trace, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", "ns");
            writeRunInfo(g, trace);
            g.writeArrayFieldStart("traceEvents");
            writeTrackNames(g, trace);
            writeSubtasks(g, trace);
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeRunInfo(JsonGenerator g, Trace trace) throws IOException {
        g.writeObjectFieldStart("otherData");
        g.writeStringField("platform", trace.platform());
        g.writeStringField("policy", trace.policy());
        g.writeStringField("topology", trace.topology().toString());
        g.writeNumberField("makespanNs", trace.makespanNs());
        g.writeNumberField("tasks", trace.tasks().size());
        g.writeNumberField("subtasks", trace.subtasks().size());
        g.writeEndObject();
    }

    private static void writeTrackNames(JsonGenerator g, Trace trace) throws IOException {
        Topology topo = trace.topology();
        metadata(g, "process_name", PID_AIC, -1, "name", "AIC cores");
        metadata(g, "process_name", PID_AIV, -1, "name", "AIV cores");
        metadata(g, "process_name", PID_SCHEDULERS, -1, "name", "schedulers");
        for (int pid = PID_AIC; pid <= PID_SCHEDULERS; pid++)
            metadata(g, "process_sort_index", pid, -1, "sort_index", pid);
        for (int core = 0; core < topo.cores(); core++) {
            int pid = pidOf(topo, core);
            metadata(
                    g,
                    "thread_name",
                    pid,
                    core,
                    "name",
                    topo.coreLabel(core) + " (core " + core + ", sched " + topo.schedulerOf(topo.clusterOf(core))
                            + ")");
            metadata(g, "thread_sort_index", pid, core, "sort_index", core);
        }
        for (int s = 0; s < trace.schedulerCount(); s++) {
            metadata(g, "thread_name", PID_SCHEDULERS, s, "name", "sched " + s + " dispatch");
            metadata(g, "thread_sort_index", PID_SCHEDULERS, s, "sort_index", 2 * s);
        }
    }

    private static void metadata(JsonGenerator g, String name, int pid, int tid, String key, Object value)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("ph", "M");
        g.writeNumberField("pid", pid);
        if (tid >= 0) g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        if (value instanceof Integer i) g.writeNumberField(key, i);
        else g.writeStringField(key, value.toString());
        g.writeEndObject();
        g.writeEndObject();
    }

    static int pidOf(Topology topo, int core) {
        return topo.typeOf(core) == CoreType.AIC ? PID_AIC : PID_AIV;
    }

    private static void writeSubtasks(JsonGenerator g, Trace trace) throws IOException {
        List<Trace.Subtask> subs = trace.subtasks();
        long[] sliceEnds = DispatchSlices.endsOf(trace);
        for (int i = 0; i < subs.size(); i++) {
            Trace.Subtask s = subs.get(i);
            int pid = pidOf(trace.topology(), s.core());
            if (s.ran()) {
                complete(
                        g,
                        s.name() + " [" + s.blockIdx() + "]",
                        "subtask",
                        pid,
                        s.core(),
                        s.startNs(),
                        s.endNs() - s.startNs());
                writeArgs(g, trace, s);
                g.writeEndObject();
            }
            if (s.dispatchNs() == Trace.NONE) continue;
            complete(
                    g,
                    "dispatch " + s.name() + " [" + s.blockIdx() + "]",
                    "dispatch",
                    PID_SCHEDULERS,
                    s.scheduler(),
                    s.dispatchNs(),
                    sliceEnds[i] - s.dispatchNs());
            writeArgs(g, trace, s);
            g.writeEndObject();
            if (s.startNs() != Trace.NONE) {
                flow(g, "s", i, PID_SCHEDULERS, s.scheduler(), s.dispatchNs());
                flow(g, "f", i, pid, s.core(), s.startNs());
            }
        }
    }

    /** Opens an X event; the caller adds args and closes it. */
    private static void complete(JsonGenerator g, String name, String cat, int pid, int tid, long tsNs, long durNs)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("cat", cat);
        g.writeStringField("ph", "X");
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeFieldName("ts");
        g.writeNumber(TimeFormat.micros(tsNs));
        g.writeFieldName("dur");
        g.writeNumber(TimeFormat.micros(Math.max(0, durNs)));
    }

    private static void writeArgs(JsonGenerator g, Trace trace, Trace.Subtask s) throws IOException {
        g.writeObjectFieldStart("args");
        g.writeNumberField("task", s.taskId());
        g.writeStringField("name", s.name());
        g.writeNumberField("block", s.blockIdx());
        g.writeNumberField("slot", s.lane()); // the kernel lane; the key predates the name
        g.writeStringField("core", trace.topology().coreLabel(s.core()));
        g.writeNumberField("coreId", s.core());
        g.writeNumberField("cluster", s.cluster());
        g.writeNumberField("scheduler", s.scheduler());
        g.writeNumberField("token", s.token());
        g.writeNumberField("readyNs", s.readyNs());
        g.writeNumberField("dispatchNs", s.dispatchNs());
        g.writeNumberField("startNs", s.startNs());
        g.writeNumberField("endNs", s.endNs());
        g.writeNumberField("finishSeenNs", s.finishSeenNs());
        // only when set, so traces of runs without hints stay as they were
        if (trace.task(s.taskId()).earlyResolve()) g.writeBooleanField("earlyResolve", true);
        if (trace.gated(s)) {
            // staged early (#1079): it held its register from dispatchNs, and started after its doorbell
            g.writeBooleanField("gated", true);
            g.writeNumberField("doorbellNs", trace.doorbellNs(s));
        }
        g.writeEndObject();
    }

    private static void flow(JsonGenerator g, String ph, int id, int pid, int tid, long tsNs) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", "dispatch");
        g.writeStringField("cat", "flow");
        g.writeStringField("ph", ph);
        g.writeNumberField("id", id);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeFieldName("ts");
        g.writeNumber(TimeFormat.micros(tsNs));
        // bind the arrow head to the slice that contains ts (the subtask starts exactly there)
        if (ph.equals("f")) g.writeStringField("bp", "e");
        g.writeEndObject();
    }
}
