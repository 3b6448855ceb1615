package dev.tessera.profiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.topology.Topology;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A recorder takes every segment from its budget; one the budget refuses is dropped, reported once. */
class TraceBudgetTest {
    private static final Topology TOPOLOGY = Topology.custom(2, 1);

    private static void record(BufferedTraceRecorder r, int core, int token) {
        r.dispatched(0, core, token, token, 0, 0, token, token);
        r.started(core, token, token);
        r.ended(core, token, token + 1);
        r.finishSeen(0, core, token, token + 2);
    }

    @Test
    void recordsPastTheBudgetAreDroppedAndReportedOnce() {
        AtomicInteger reports = new AtomicInteger();
        // segments of 16, 32, 64 ... records: 16 + 32 fit in 50, the third segment does not
        BufferedTraceRecorder r =
                new BufferedTraceRecorder(TOPOLOGY, "sim", "SERIAL", 16, new TraceBudget(50, reports::incrementAndGet));
        for (int token = 1; token <= 100; token++) record(r, 0, token);
        assertTrue(r.overBudget());
        assertEquals(1, reports.get(), "reported once");
        Trace t = r.build(1);
        assertEquals(48, t.subtasks().size(), "the records of the two segments that fit");
    }

    @Test
    void coresThatNeverRunCostNothing() {
        AtomicInteger reports = new AtomicInteger();
        Topology huge = Topology.custom(20_000, 1);
        BufferedTraceRecorder r =
                new BufferedTraceRecorder(huge, "sim", "SERIAL", 1024, new TraceBudget(2048, reports::incrementAndGet));
        record(r, 7, 1);
        record(r, 59_999, 1);
        assertFalse(r.overBudget());
        assertEquals(2, r.build(1).subtasks().size());
        assertEquals(0, reports.get());
    }
}
