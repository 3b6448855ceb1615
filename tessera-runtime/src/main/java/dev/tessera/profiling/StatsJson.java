package dev.tessera.profiling;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** {@link TraceStats} as JSON: {@code stats.json} of {@code run}, {@code compare.json} of {@code compare}. */
public final class StatsJson {
    private static final JsonFactory JSON = new JsonFactory();

    private StatsJson() {}

    /** Writes {@code s} as one JSON object at the generator's current position. */
    public static void write(JsonGenerator g, TraceStats s) throws IOException {
        g.writeStartObject();
        g.writeStringField("policy", s.policy());
        g.writeStringField("platform", s.platform());
        g.writeStringField("topology", s.topology().name());
        g.writeNumberField("clusters", s.topology().clusters());
        g.writeNumberField("schedulerThreads", s.topology().schedulers());
        g.writeNumberField("makespanNs", s.makespanNs());
        g.writeNumberField("blocks", s.blocks());
        g.writeNumberField("subtasks", s.subtasks());
        g.writeArrayFieldStart("tasks");
        for (TraceStats.TaskStats t : s.tasks()) writeTask(g, t);
        g.writeEndArray();
        g.writeArrayFieldStart("schedulers");
        for (TraceStats.SchedulerStats x : s.schedulers()) {
            g.writeStartObject();
            g.writeNumberField("id", x.id());
            g.writeNumberField("blocksDispatched", x.blocksDispatched());
            g.writeNumberField("subtasksDispatched", x.subtasksDispatched());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("overheadPct");
        g.writeNumberField("aic", s.aic().overheadPct());
        g.writeNumberField("aiv", s.aiv().overheadPct());
        g.writeEndObject();
        g.writeObjectFieldStart("overheadCoreNs");
        g.writeNumberField("aic", s.aic().idleWhileReadyNs());
        g.writeNumberField("aiv", s.aiv().idleWhileReadyNs());
        g.writeEndObject();
        g.writeObjectFieldStart("utilisationPct");
        g.writeNumberField("aic", s.aic().utilisationPct());
        g.writeNumberField("aiv", s.aiv().utilisationPct());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeTask(JsonGenerator g, TraceStats.TaskStats t) throws IOException {
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

    /** {@code s} as a pretty-printed JSON document. */
    public static String toJson(TraceStats s) {
        return json(g -> write(g, s));
    }

    /** Writes {@code s} to {@code file}, whole or not at all. */
    public static void write(TraceStats s, Path file) {
        AtomicFile.writeText(file, toJson(s));
    }

    /** {@code {"serial": {...}, "parallel": {...}}}. */
    public static String comparisonJson(TraceStats serial, TraceStats parallel) {
        return json(g -> {
            g.writeStartObject();
            g.writeFieldName("serial");
            write(g, serial);
            g.writeFieldName("parallel");
            write(g, parallel);
            g.writeEndObject();
        });
    }

    public static void writeComparisonJson(TraceStats serial, TraceStats parallel, Path file) {
        AtomicFile.writeText(file, comparisonJson(serial, parallel));
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
}
