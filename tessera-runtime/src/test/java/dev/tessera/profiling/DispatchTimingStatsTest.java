package dev.tessera.profiling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each statistic of {@link DispatchTimingStats} on a trace made by hand, where the answer is known. */
class DispatchTimingStatsTest {
    private static final Topology TOPO = Topology.custom(4, 2);

    /**
     * Task 1 (4 AIC blocks, sync-start, ready at 100): scheduler 0 dispatches blocks 0, 1 at 100/110 (starts
     * 200, 230), then task 2, then block 2 at 150 (a second pass); scheduler 1 dispatches block 3 at 140
     * (start 260). Task 2 ("b", 1 block) starts 400, after task 1's last end 350.
     */
    private static Trace trace() {
        Trace.Builder b = Trace.builder(TOPO, "sim", "parallel");
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
    void everyStatisticMatchesItsDefinition() {
        DispatchTimingStats s = DispatchTimingStats.of(trace(), List.of(DispatchTimingStats.Edge.parse("a->b")));
        // scheduler 0's first pass over task 1 holds blocks 0 and 1 (starts 200, 230); scheduler 1's has one block
        assertEquals(1, s.firstWaveSpan().count());
        assertEquals(30, s.firstWaveSpan().maxNs());
        // first dispatches of task 1: scheduler 0 at 100, scheduler 1 at 140
        assertEquals(40, s.firstDispatchStagger().maxNs());
        // ready 100 → last dispatch 150; the drain began at 105
        assertEquals(50, s.syncStartWait().maxNs());
        assertEquals(45, s.syncStartDrain().maxNs());
        // b_0 starts at 400, a's last block ended at 350
        DispatchTimingStats.Summary gap = s.gaps().values().iterator().next();
        assertEquals(1, gap.count());
        assertEquals(50, gap.minNs());
    }

    @Test
    void aCohortThatLaunchedAtOnceHasNoDrain() {
        Trace.Builder b = Trace.builder(TOPO, "sim", "parallel");
        b.task(1, "a", 2, Trace.SHAPE_AIC, true, 0);
        b.subtask(1, 0, 0, 0, 100, 120, 200, 300, 310);
        b.subtask(1, 1, 1, 0, 100, 120, 200, 300, 310);
        DispatchTimingStats s = DispatchTimingStats.of(b.build(310), List.of());
        assertEquals(0, s.syncStartDrain().count());
        assertEquals(20, s.syncStartWait().maxNs());
    }

    @Test
    void edgesParseInBothSpellings() {
        assertEquals(
                new DispatchTimingStats.Edge("online", "out_proj"),
                DispatchTimingStats.Edge.parse("online → out_proj"));
        assertEquals(new DispatchTimingStats.Edge("x", "y"), DispatchTimingStats.Edge.parse("x->y"));
    }
}
