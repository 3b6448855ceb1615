package dev.tessera.profiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tessera.topology.Topology;
import org.junit.jupiter.api.Test;

class DispatchSlicesTest {

    @Test
    void aSliceEndsAtTheNextDispatchOrAtTheStartWhicheverIsFirst() {
        Trace trace = Trace.builder(Topology.custom(2, 1), "sim", "SERIAL")
                .task(1, "t", 3, Trace.SHAPE_AIV, false, 0)
                .subtask(1, 0, 2, 0, 0, 100, 150, 200, 210) // next dispatch at 120 comes first
                .subtask(1, 1, 3, 0, 0, 120, 130, 200, 210) // its start at 130 comes first
                .subtask(1, 2, 4, 0, 0, 300, Trace.NONE, Trace.NONE, Trace.NONE) // last, never started
                .build(400);
        assertArrayEquals(new long[] {120, 130, 300}, DispatchSlices.endsOf(trace));
    }
}
