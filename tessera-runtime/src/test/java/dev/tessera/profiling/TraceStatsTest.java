package dev.tessera.profiling;

import static dev.tessera.profiling.JsonTree.list;
import static dev.tessera.profiling.JsonTree.num;
import static dev.tessera.profiling.JsonTree.obj;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceStatsTest {

    @Test
    void staircaseSpreadsStartsOverAllBlocksAndLeavesTheThirdSchedulerIdle() {
        TraceStats.TaskStats t = TraceStats.of(SampleTraces.serial()).tasks().getFirst();
        assertEquals(24, t.blocksRun());
        assertEquals(1_500, t.firstStartNs());
        assertEquals(23 * SampleTraces.STEP, t.startSpreadNs());
        assertEquals(23 * SampleTraces.STEP, t.dispatchSpreadNs());
        assertArrayEquals(new int[] {16, 8, 0}, t.blocksPerScheduler());
    }

    @Test
    void parallelDispatchSplitsBlocksEvenlyAndStartsThemTogether() {
        TraceStats stats = TraceStats.of(SampleTraces.parallel());
        TraceStats.TaskStats t = stats.tasks().getFirst();
        assertEquals(7 * SampleTraces.STEP + 200, t.startSpreadNs());
        assertArrayEquals(new int[] {8, 8, 8}, t.blocksPerScheduler());
        assertEquals(
                List.of(8L, 8L, 8L),
                stats.schedulers().stream()
                        .map(TraceStats.SchedulerStats::blocksDispatched)
                        .toList());
        assertEquals(57_000, stats.makespanNs());
    }

    /**
     * Need for AIV is [0, 36200), the last dispatch. A core starting at t = 1500 + 5000 j + 100 s
     * is idle before t: the 9 cores with j <= 2 finish by 36200 and are idle 36200 - 20000; the 12
     * with j = 3..6 are busy from t on, so idle t; the 3 with j = 7 start after 36200 and, like the
     * 24 unused AIV cores, are idle the whole 36200.
     */
    @Test
    void overheadOfTheParallelCaseMatchesAHandCount() {
        TraceStats stats = TraceStats.of(SampleTraces.parallel());
        long startedInside = 0;
        for (int j = 3; j <= 6; j++) for (int s = 0; s < 3; s++) startedInside += 1_500 + 5_000L * j + 100L * s;
        long expected = 9 * 16_200L + startedInside + (3 + 24) * 36_200L;
        assertEquals(1_412_400, expected, "hand count");
        assertEquals(expected, stats.aiv().idleWhileReadyNs());
        assertEquals(100.0 * expected / (48.0 * 57_000), stats.aiv().overheadPct(), 1e-12);
        assertEquals(0, stats.aic().idleWhileReadyNs(), "an AIV task needs no AIC core");
        assertEquals(24 * 20_000L, stats.aiv().busyNs());
    }

    /** Two clusters, one scheduler: AIC task "a" (2 blocks), MIX task "b" (1 block), a dummy task. */
    static Trace smallMixedTrace() {
        return Trace.builder(Topology.custom(2, 1), "sim", "PARALLEL")
                .task(1, "a", 2, Trace.SHAPE_AIC, false, 0)
                .task(2, "b", 1, Trace.SHAPE_MIX, false, 5)
                .task(3, "d", 1, Trace.SHAPE_DUMMY, false, 6)
                .subtask(1, 0, 0, 0, 0, 10, 12, 50, 52)
                .subtask(1, 1, 1, 0, 0, 20, 25, 60, 61)
                .subtask(2, 0, 0, 0, 60, 66, 72, 90, 95)
                .subtask(2, 0, 2, 0, 60, 68, 72, 90, 95)
                .subtask(2, 0, 3, 0, 60, 70, 72, 90, 95)
                .build(100);
    }

    /**
     * AIC need = [0,20) ∪ [60,70). Core 0 (busy 12-50, 72-90) is idle 12 + 10; core 1 (busy 25-60)
     * 20 + 10: 52 of 2 × 100 = 26 %. AIV need = [60,70): four idle cores × 10 = 40 of 400 = 10 %.
     */
    @Test
    void overheadCountsIdleCoresOnlyWhileWorkOfTheirTypeWaits() {
        TraceStats stats = TraceStats.of(smallMixedTrace());
        assertEquals(52, stats.aic().idleWhileReadyNs());
        assertEquals(26.0, stats.aic().overheadPct());
        assertEquals(40, stats.aiv().idleWhileReadyNs());
        assertEquals(10.0, stats.aiv().overheadPct());
        assertEquals(45.5, stats.aic().utilisationPct());
        assertEquals(9.0, stats.aiv().utilisationPct());
    }

    @Test
    void perTaskNumbersOfTheSmallTrace() {
        List<TraceStats.TaskStats> tasks = TraceStats.of(smallMixedTrace()).tasks();
        TraceStats.TaskStats a = tasks.get(0), b = tasks.get(1), d = tasks.get(2);
        assertEquals(13, a.startSpreadNs());
        assertEquals(10, a.dispatchSpreadNs());
        assertEquals(0, b.startSpreadNs());
        assertEquals(1, b.blocksRun(), "three slots of one block are one block");
        assertEquals(66, b.firstDispatchNs(), "a block is dispatched when its first slot is");
        assertEquals(70, b.allDispatchedNs(), "but the task waits until its last slot is");
        assertEquals(0, d.blocksRun());
        assertEquals(Trace.NONE, d.startSpreadNs());
        assertEquals(3, TraceStats.of(smallMixedTrace()).schedulers().getFirst().blocksDispatched());
        assertEquals(5, TraceStats.of(smallMixedTrace()).schedulers().getFirst().subtasksDispatched());
    }

    @Test
    void aBlockNeverDispatchedKeepsItsTaskWaitingUntilTheMakespan() {
        Trace trace = Trace.builder(Topology.custom(2, 1), "sim", "SERIAL")
                .task(1, "v", 2, Trace.SHAPE_AIV, false, 0)
                .subtask(1, 0, 2, 0, 10, 20, 30, 40, 45)
                .build(100);
        TraceStats stats = TraceStats.of(trace);
        // need [10,100): core 2 busy 30-40 -> idle 80; cores 3, 4, 5 idle 90 each
        assertEquals(80 + 3 * 90, stats.aiv().idleWhileReadyNs());
    }

    @Test
    void jsonHasTheDocumentedShape() {
        TraceStats stats = TraceStats.of(SampleTraces.parallel());
        Map<String, Object> json = obj(JsonTree.parse(StatsJson.toJson(stats)));
        assertEquals("PARALLEL", json.get("policy"));
        assertEquals("sim", json.get("platform"));
        assertEquals("24x3", json.get("topology"));
        assertEquals(57_000L, num(json.get("makespanNs")));
        Map<String, Object> task = obj(list(json.get("tasks")).getFirst());
        assertEquals(7L, num(task.get("id")));
        assertEquals("vec_add", task.get("name"));
        assertEquals(24L, num(task.get("blockNum")));
        assertEquals(1_500L, num(task.get("firstStartNs")));
        assertEquals(36_700L, num(task.get("lastStartNs")));
        assertEquals(35_200L, num(task.get("startSpreadNs")));
        assertEquals(List.of(8L, 8L, 8L), list(task.get("blocksPerScheduler")));
        List<Object> scheds = list(json.get("schedulers"));
        assertEquals(3, scheds.size());
        assertEquals(2L, num(obj(scheds.get(2)).get("id")));
        assertEquals(8L, num(obj(scheds.get(2)).get("blocksDispatched")));
        Map<String, Object> overhead = obj(json.get("overheadPct"));
        assertEquals(0.0, ((Number) overhead.get("aic")).doubleValue());
        assertEquals(stats.aiv().overheadPct(), ((Number) overhead.get("aiv")).doubleValue(), 1e-9);
        assertTrue(obj(json.get("utilisationPct")).containsKey("aiv"));
    }

    @Test
    void comparisonJsonNestsBothRuns(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("compare.json");
        StatsJson.writeComparisonJson(
                TraceStats.of(SampleTraces.serial()), TraceStats.of(SampleTraces.parallel()), file);
        Map<String, Object> json = obj(JsonTree.parse(Files.readString(file)));
        assertEquals(List.of("serial", "parallel"), List.copyOf(json.keySet()));
        assertEquals("SERIAL", obj(json.get("serial")).get("policy"));
        assertEquals(136_800L, num(obj(json.get("serial")).get("makespanNs")));
        assertEquals("PARALLEL", obj(json.get("parallel")).get("policy"));
    }

    @Test
    void comparisonTableShowsBothRunsPerSpmdTask() {
        String table =
                StatsText.comparisonTable(TraceStats.of(SampleTraces.serial()), TraceStats.of(SampleTraces.parallel()));
        assertTrue(table.contains("before (serial)") && table.contains("after (parallel)"), table);
        assertTrue(table.matches("(?s).*makespan \\(us\\)\\s+136\\.800\\s+57\\.000.*"), table);
        assertTrue(table.matches("(?s).*spread \\(us\\)\\s+115\\.000\\s+35\\.200.*"), table);
        assertTrue(table.matches("(?s).*blocks per scheduler\\s+16/8/0\\s+8/8/8.*"), table);
    }

    @Test
    void summaryNamesTheRunAndItsSpmdTasks() {
        String text = StatsText.summary(TraceStats.of(SampleTraces.serial()));
        assertTrue(text.startsWith("SERIAL on sim"), text);
        assertTrue(text.contains("16/8/0"), text);
        assertTrue(text.contains("115.000 us"), text);
    }
}
