package dev.tessera.profiling.timing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.profiling.Trace;
import dev.tessera.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each figure on a hand-made trace whose answer can be read off the times. */
class DispatchTimingsTest {
    private static final Topology T = Topology.custom(4, 2); // cores 0..3 AIC, 4..11 AIV

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
        assertEquals(600, d.firstDispatchStaggerNs(), "scheduler 0 first dispatched at 100, scheduler 1 at 700");
        assertEquals(List.of(600L), d.taskDispatchStaggersNs(), "task 1 by both; task 2 by one");
        assertEquals(60, DispatchTimings.median(d.firstWaveStartSpansNs()));
    }

    @Test
    void handoffGapRunsFromTheLatestProducerEndBeforeTheConsumerToItsFirstStart() {
        Trace.Builder b = Trace.builder(T, "sim", "test")
                .task(1, "online", 2, Trace.SHAPE_AIV, false, 0)
                .task(2, "out_proj", 1, Trace.SHAPE_AIC, false, 0)
                .task(3, "online", 1, Trace.SHAPE_AIV, false, 0)
                .task(4, "out_proj", 1, Trace.SHAPE_AIC, false, 0);
        b.subtask(1, 0, 4, 0, 0, 10, 100, 1_000, 1_050);
        b.subtask(1, 1, 5, 0, 0, 10, 100, 1_200, 1_250); // layer 1's online ends at 1200
        b.subtask(2, 0, 0, 0, 1_250, 1_300, 3_000, 4_000, 4_050); // out_proj starts 1800 later
        b.subtask(3, 0, 6, 1, 0, 4_100, 4_500, 5_000, 5_050);
        b.subtask(4, 0, 1, 1, 5_050, 5_100, 5_400, 6_000, 6_050);
        DispatchTimings d = DispatchTimings.of(b.build(7_000));
        assertEquals(List.of(1_800L, 400L), d.handoffGapsNs("online", "out_proj"));
        assertEquals(400, DispatchTimings.median(d.handoffGapsNs("online", "out_proj")));
        assertEquals(List.of(), d.handoffGapsNs("out_proj", "nothing"));
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
}
