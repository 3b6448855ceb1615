package dev.tessera.profiling.timing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.profiling.Trace;
import dev.tessera.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each figure of {@link DispatchTimings} on a hand-made trace whose answer can be read off the times. */
class DispatchTimingsTest {
    private static final Topology T = Topology.custom(4, 2); // cores 0..3 AIC, 4..11 AIV

    /**
     * Task 1 (4 AIC blocks, sync-start, ready at 100): scheduler 0 dispatches blocks 0, 1 at 100/110
     * (starts 200, 230), then task 2, then block 2 at 150 (a second pass, start 240); scheduler 1
     * dispatches block 3 at 140 (start 260). Task 2 ("b_0", 1 block) starts 400, after task 1's last
     * end 350. Scheduler 0 sees its first completion at 310, after all four of its dispatches.
     */
    static Trace oneCohortThenAConsumer() {
        Trace.Builder b = Trace.builder(T, "sim", "parallel");
        b.task(1, "a", 4, Trace.SHAPE_AIC, true, 0);
        b.task(2, "b_0", 1, Trace.SHAPE_AIC, false, 0);
        b.subtask(1, 0, 0, 0, 100, 100, 200, 300, 310);
        b.subtask(1, 1, 1, 0, 100, 110, 230, 320, 330);
        b.subtask(2, 0, 2, 0, 120, 120, 400, 450, 460);
        b.subtask(1, 2, 3, 0, 100, 150, 240, 350, 360);
        b.subtask(1, 3, 4, 1, 100, 140, 260, 340, 350);
        b.drainStarted(1, 105);
        return b.build(460);
    }

    @Test
    void everyFigureMatchesItsDefinition() {
        DispatchTimings d = DispatchTimings.of(oneCohortThenAConsumer(), List.of(Edge.parse("a->b")));
        // scheduler 0's wave: all four of its dispatches (before 310), starts 200..400; scheduler 1 started one
        assertArrayEquals(new long[] {200, Trace.NONE}, d.firstWaveStartSpansNs());
        // scheduler 0's first pass over task 1 holds blocks 0 and 1 (starts 200, 230); scheduler 1's has one block
        assertEquals(List.of(30L), d.firstPassStartSpansNs());
        // first dispatches: scheduler 0 at 100, scheduler 1 at 140, for the run and for task 1 (task 2 by one)
        assertEquals(40, d.firstDispatchStaggerNs());
        assertEquals(List.of(40L), d.taskDispatchStaggersNs());
        // ready 100 → last dispatch 150; the drain began at 105; first dispatch 100 → last start 260
        assertEquals(List.of(50L), d.syncStartWaitsNs());
        assertEquals(List.of(45L), d.syncStartDrainsNs());
        assertEquals(List.of(160L), d.syncStartBurstsNs());
        // b_0 starts at 400, a's last block ended at 350
        assertEquals(List.of(50L), d.gapsNs(Edge.parse("a->b")));
    }

    @Test
    void firstWaveIsWhatASchedulerDispatchedBeforeItsFirstCompletion() {
        Trace.Builder b = Trace.builder(T, "sim", "test")
                .task(1, "a", 3, Trace.SHAPE_AIC, false, 0)
                .task(2, "b", 2, Trace.SHAPE_AIC, false, 0);
        // scheduler 0: two blocks dispatched at 100 and 200, started 500 and 560; first FIN seen at 2000
        b.subtask(1, 0, 0, 0, 0, 100, 500, 1_000, 2_000);
        b.subtask(1, 1, 1, 0, 0, 200, 560, 1_100, 2_100);
        // a pending dispatch onto core 1 while its block runs: starts when that ends, not part of the wave
        b.subtask(2, 0, 1, 0, 0, 300, 1_100, 1_300, 1_400);
        // its second wave, dispatched after the FIN: not in the first wave
        b.subtask(2, 1, 0, 0, 0, 2_500, 9_000, 9_500, 9_600);
        // scheduler 1: one block only: no span
        b.subtask(1, 2, 2, 1, 0, 700, 1_200, 1_700, 1_800);
        DispatchTimings d = DispatchTimings.of(b.build(10_000));
        assertArrayEquals(new long[] {60, Trace.NONE}, d.firstWaveStartSpansNs());
        assertEquals(List.of(60L), d.recordedFirstWaveStartSpansNs());
        assertEquals(600, d.firstDispatchStaggerNs(), "scheduler 0 first dispatched at 100, scheduler 1 at 700");
        assertEquals(List.of(600L), d.taskDispatchStaggersNs(), "task 1 by both; task 2 by one");
        assertEquals(60, DispatchTimings.median(d.firstWaveStartSpansNs()));
        // per task, not per wave: scheduler 0 dispatched task 2's two blocks with nothing between them,
        // so its first pass over task 2 spans the second wave too (1 100 → 9 000)
        assertEquals(List.of(60L, 7_900L), d.firstPassStartSpansNs());
    }

    @Test
    void aGapPairsEachConsumerWithTheLatestProducerSubmittedBeforeIt() {
        Trace.Builder b = Trace.builder(T, "sim", "test")
                .task(1, "online", 2, Trace.SHAPE_AIV, false, 0)
                .task(2, "out_proj", 1, Trace.SHAPE_AIC, false, 0)
                .task(3, "online", 1, Trace.SHAPE_AIV, false, 0)
                .task(4, "out_proj_0", 1, Trace.SHAPE_AIC, false, 0);
        b.subtask(1, 0, 4, 0, 0, 10, 100, 1_000, 1_050);
        b.subtask(1, 1, 5, 0, 0, 10, 100, 1_200, 1_250); // layer 1's online ends at 1200
        b.subtask(2, 0, 0, 0, 1_250, 1_300, 3_000, 4_000, 4_050); // out_proj starts 1800 later
        // layer 2's online ends at 2500, before layer 1's out_proj starts: still not its producer
        b.subtask(3, 0, 6, 1, 0, 2_100, 2_200, 2_500, 2_550);
        b.subtask(4, 0, 1, 1, 2_550, 2_600, 2_900, 6_000, 6_050); // out_proj_0 starts 400 after 2500
        DispatchTimings d = DispatchTimings.of(b.build(7_000), List.of(Edge.parse("online→out_proj")));
        assertEquals(List.of(1_800L, 400L), d.gapsNs(Edge.parse("online->out_proj")));
        assertEquals(400, DispatchTimings.median(d.gapsNs(Edge.parse("online->out_proj"))));
        assertEquals(List.of(), d.gapsNs(Edge.parse("out_proj->nothing")));
    }

    @Test
    void syncStartBurstRunsFromTheFirstDispatchToTheLastStart() {
        Trace.Builder b = Trace.builder(T, "sim", "test")
                .task(1, "cohort", 3, Trace.SHAPE_AIV, true, 0)
                .task(2, "plain", 1, Trace.SHAPE_AIV, false, 0);
        b.subtask(1, 0, 4, 0, 0, 1_000, 3_000, 4_000, 4_100);
        b.subtask(1, 1, 5, 0, 0, 1_500, 3_000, 4_000, 4_100);
        b.subtask(1, 2, 8, 1, 0, 2_000, 3_020, 4_000, 4_100);
        b.subtask(2, 0, 6, 0, 0, 10, 500, 900, 950);
        assertEquals(List.of(2_020L), DispatchTimings.of(b.build(5_000)).syncStartBurstsNs());
    }

    @Test
    void aCohortThatLaunchedAtOnceHasNoDrain() {
        Trace.Builder b = Trace.builder(T, "sim", "parallel");
        b.task(1, "a", 2, Trace.SHAPE_AIC, true, 0);
        b.subtask(1, 0, 0, 0, 100, 120, 200, 300, 310);
        b.subtask(1, 1, 1, 0, 100, 120, 200, 300, 310);
        DispatchTimings d = DispatchTimings.of(b.build(310));
        assertEquals(List.of(), d.syncStartDrainsNs());
        assertEquals(List.of(20L), d.syncStartWaitsNs());
        assertEquals(List.of(80L), d.syncStartBurstsNs());
    }

    @Test
    void edgesParseInBothSpellings() {
        assertEquals(new Edge("online", "out_proj"), Edge.parse("online → out_proj"));
        assertEquals(new Edge("x", "y"), Edge.parse("x->y"));
        assertEquals("x->y", Edge.parse("x → y").key());
        assertThrows(IllegalArgumentException.class, () -> Edge.parse("x->"));
    }

    @Test
    void aSummaryTakesTheLowerMiddleForItsMedian() {
        assertEquals(new Summary(4, 25, 20, 10, 40), Summary.of(List.of(40L, 10L, 30L, 20L)));
        assertEquals(new Summary(0, 0, 0, 0, 0), Summary.of(List.of()));
        assertEquals(Trace.NONE, DispatchTimings.median(List.of()));
        assertEquals(Trace.NONE, DispatchTimings.median(new long[] {Trace.NONE}));
    }
}
