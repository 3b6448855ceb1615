package dev.tessera.profiling.timing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code dispatch.json}: every figure of a {@link DispatchTimings}, each list as a {@link Summary}
 * object ({@code count, meanNs, medianNs, minNs, maxNs}), the per-scheduler first-wave spans as
 * an array (−1 for a scheduler without a wave) and the run's first-dispatch stagger as a number.
 */
public final class DispatchTimingsJson {
    private static final JsonFactory JSON = new JsonFactory();

    private DispatchTimingsJson() {}

    public static String of(DispatchTimings d) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            write(g, d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public static void write(JsonGenerator g, DispatchTimings d) throws IOException {
        g.writeStartObject();
        summary(g, "firstWaveStartSpan", d.recordedFirstWaveStartSpansNs());
        g.writeArrayFieldStart("firstWaveStartSpansNs");
        for (long v : d.firstWaveStartSpansNs()) g.writeNumber(v);
        g.writeEndArray();
        summary(g, "firstPassStartSpan", d.firstPassStartSpansNs());
        g.writeNumberField("firstDispatchStaggerNs", d.firstDispatchStaggerNs());
        summary(g, "taskDispatchStagger", d.taskDispatchStaggersNs());
        summary(g, "syncStartDrain", d.syncStartDrainsNs());
        summary(g, "syncStartWait", d.syncStartWaitsNs());
        summary(g, "syncStartBurst", d.syncStartBurstsNs());
        g.writeObjectFieldStart("gaps");
        for (Map.Entry<Edge, List<Long>> e : d.gapsNs().entrySet())
            summary(g, e.getKey().key(), e.getValue());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void summary(JsonGenerator g, String name, List<Long> values) throws IOException {
        Summary s = Summary.of(values);
        g.writeObjectFieldStart(name);
        g.writeNumberField("count", s.count());
        g.writeNumberField("meanNs", s.meanNs());
        g.writeNumberField("medianNs", s.medianNs());
        g.writeNumberField("minNs", s.minNs());
        g.writeNumberField("maxNs", s.maxNs());
        g.writeEndObject();
    }
}
