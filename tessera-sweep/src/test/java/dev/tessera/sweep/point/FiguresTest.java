package dev.tessera.sweep.point;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tessera.examples.Examples;
import dev.tessera.examples.run.ExampleRunner;
import dev.tessera.profiling.StatsJson;
import dev.tessera.profiling.TraceStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiguresTest {
    /** The JSON's run description, which the point's own parameter columns already hold. */
    private static final Set<String> PARAMETERS = Set.of("policy", "platform", "topology");
    /** Per-task and per-scheduler arrays: their figures are reduced into columns, checked below. */
    private static final Set<String> ARRAYS = Set.of("tasks", "schedulers");

    private static TraceStats stats(String example) {
        Point p = Points.sim(0, example, "serial", 3);
        var e = Examples.byName(example).orElseThrow();
        ExampleRunner.Outcome o = ExampleRunner.run(e, PointRunner.options(e, p), PointRunner.settings(p));
        return TraceStats.of(o.result().trace());
    }

    @Test
    void everyFigureOfTheStatsJsonHasAColumn() throws IOException {
        List<String> figures = topLevelFigures(StatsJson.toJson(stats("spmd-wide")));
        assertTrue(figures.contains("makespanNs") && figures.contains("overheadPct_aic"), figures.toString());
        for (String f : figures) {
            assertTrue(
                    Figures.column(f).isPresent(),
                    "the stats JSON figure '" + f + "' has no column in Figures: add one");
        }
    }

    @Test
    void figuresAgreeWithTheStatistics() {
        TraceStats s = stats("spmd-wide");
        Map<String, Object> f = Figures.of(s);
        assertEquals(Figures.COLUMNS.stream().map(Column::name).toList(), List.copyOf(f.keySet()));
        assertEquals(s.makespanNs(), f.get("makespanNs"));
        assertEquals(s.aiv().overheadPct(), f.get("overheadPct_aiv"));
        long[] perScheduler = s.schedulers().stream()
                .mapToLong(TraceStats.SchedulerStats::blocksDispatched)
                .toArray();
        assertEquals(perScheduler.length, ((String) f.get("blocksPerScheduler")).split("/").length);
        assertEquals(s.blocks(), java.util.Arrays.stream(perScheduler).sum());
        long maxSpread = s.spmdTasks().stream()
                .mapToLong(TraceStats.TaskStats::startSpreadNs)
                .max()
                .orElseThrow();
        assertEquals(maxSpread, f.get("startSpreadNs_max"));
        assertEquals((long) s.spmdTasks().size(), f.get("spmdTasks"));
        for (Column c : Figures.COLUMNS) {
            Object v = f.get(c.name());
            if (v == null) continue;
            switch (c.type()) {
                case LONG -> assertTrue(v instanceof Long, c.name());
                case DOUBLE -> assertTrue(v instanceof Double, c.name());
                case STRING -> assertTrue(v instanceof String, c.name());
                case BOOLEAN -> assertTrue(v instanceof Boolean, c.name());
            }
        }
    }

    @Test
    void spreadsAreMissingWithoutSpmdTasks() {
        Map<String, Object> f = Figures.of(stats("spmd-basic"));
        assertEquals(0L, f.get("spmdTasks"));
        assertNull(f.get("startSpreadNs_max"));
        assertNull(f.get("dispatchSpreadNs_mean"));
    }

    /** Top-level scalars, and scalars of top-level objects joined with '_', of a stats JSON document. */
    private static List<String> topLevelFigures(String json) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = p.currentName();
                        if (p.nextToken().isStructStart()) {
                            p.skipChildren();
                            out.add(name + "_" + inner + " (nested deeper)");
                        } else {
                            out.add(name + "_" + inner);
                        }
                    }
                } else if (t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    if (!ARRAYS.contains(name)) out.add(name + " (an array)");
                } else if (!PARAMETERS.contains(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
