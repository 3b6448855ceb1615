package dev.tessera.profiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.topology.Topology;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceTest {

    @Test
    void handMadeSubtasksTakeTheirCoresLaneAndNumberTokensPerCore() {
        Trace trace = TraceStatsTest.smallMixedTrace();
        Trace.Subtask aiv1 = trace.subtasks().get(4);
        assertEquals(3, aiv1.core());
        assertEquals(2, aiv1.lane(), "core 3 is cluster 0's AIV1");
        assertEquals(0, aiv1.cluster());
        assertEquals("b", aiv1.name());
        assertEquals(2, trace.subtasks().get(2).token(), "core 0's second subtask");
        assertEquals(1, trace.taskIndex(2));
        assertEquals(-1, trace.taskIndex(99));
    }

    @Test
    void rejectsRecordsThatCannotBeDrawn() {
        Trace.Builder b = Trace.builder(Topology.custom(2, 1), "sim", "SERIAL");
        assertThrows(IllegalArgumentException.class, () -> b.subtask(1, 0, 6, 0, 0, 1, 2, 3, 4), "core 6 of 6");
        assertThrows(IllegalArgumentException.class, () -> b.subtask(1, 0, 3, 0, 0, 0, 0, 1, 2, 3, 4), "slot 3");
        b.task(1, "t", 1, Trace.SHAPE_AIC, false, 0);
        assertThrows(IllegalArgumentException.class, () -> b.task(1, "again", 1, Trace.SHAPE_AIC, false, 0));
    }

    @Test
    void theViewCoversEventsPastTheReportedMakespan() {
        Trace trace = Trace.builder(Topology.custom(2, 1), "threaded", "SERIAL")
                .task(1, "t", 1, Trace.SHAPE_AIC, false, 0)
                .subtask(1, 0, 0, 0, 0, 1, 2, 3, 120)
                .build(100);
        assertEquals(120, trace.viewEndNs());
        assertEquals(100, trace.makespanNs());
    }

    /** A run that was traced but submitted nothing still exports: empty lanes, zero statistics. */
    @Test
    void anEmptyTraceExportsEverywhere(@TempDir Path dir) throws Exception {
        Trace empty = Trace.builder(Topology.a2a3(), "sim", "PARALLEL").build(0);
        TraceStats stats = TraceStats.of(empty);
        assertEquals(0.0, stats.aic().overheadPct());
        assertEquals(0, stats.blocks());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTraceWriter.write(empty, out);
        assertTrue(JsonTree.obj(JsonTree.parse(out.toString(java.nio.charset.StandardCharsets.UTF_8)))
                .containsKey("traceEvents"));
        assertTrue(SwimlaneHtml.render(empty).contains("\"blocks\":[]"));
        Path png = dir.resolve("empty.png");
        SwimlanePng.write(empty, png);
        assertNotNull(ImageIO.read(png.toFile()));
    }
}
