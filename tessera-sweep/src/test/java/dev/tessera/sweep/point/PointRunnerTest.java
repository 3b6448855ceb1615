package dev.tessera.sweep.point;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A point runs like {@code tessera run}, and never throws: failures and timeouts become rows. */
class PointRunnerTest {
    @Test
    void aPointPassesWithItsFigures() {
        PointResult r = PointRunner.run(Points.sim(0, "spmd-sync-start", "parallel", 5), "test");
        assertEquals(Status.PASS, r.status(), r.error());
        assertNull(r.error());
        assertTrue(r.checked() > 0);
        assertEquals(0, r.mismatches());
        assertTrue((Long) r.figures().get("makespanNs") > 0);
        assertEquals("test", r.executor());
        assertTrue(r.wallMs() > 0);
    }

    @Test
    void samePointSameFigures() {
        Point p = Points.sim(3, "spmd-multiblock-mix", "serial", 11);
        assertEquals(PointRunner.run(p, "a").figures(), PointRunner.run(p, "b").figures());
    }

    @Test
    void costOverridesReachTheSimulation() {
        Point p = Points.sim(0, "qk-demo", "parallel", 0);
        long preset = (Long) PointRunner.run(p, "t").figures().get("makespanNs");
        Point slow = Points.with(p, Map.of("kernel.name.qk_matmul", "200000"), true, 600_000);
        long slower = (Long) PointRunner.run(slow, "t").figures().get("makespanNs");
        assertTrue(slower > preset + 100_000, preset + " -> " + slower);
    }

    @Test
    void withoutComputeTheGoldenFails() {
        Point p = Points.with(Points.sim(0, "vector", "parallel", 0), Map.of(), false, 600_000);
        PointResult r = PointRunner.run(p, "t");
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.mismatches() > 0);
        assertTrue(r.figures().containsKey("makespanNs"), "a failed golden still has its figures");
    }

    @Test
    void aRunThatThrowsIsAnError() {
        Point p = Points.sim(0, "spmd-basic", "parallel", 0);
        Point bad = new Point(0, "spmd-basic", new TreeMap<>(Map.of("variant", "x")), "parallel", new TreeMap<>(), "a2a3",
                "sim", "reserve", 0, "preset", new TreeMap<>(), true, p.timeoutMs());
        PointResult r = PointRunner.run(bad, "t");
        assertEquals(Status.ERROR, r.status());
        assertTrue(r.error().contains("spmd-basic has no option 'variant'"), r.error());
        assertTrue(r.figures().isEmpty());
    }

    @Test
    void aRunStillGoingAtItsTimeoutIsAbandoned() {
        // qk-demo computes 96 blocks of a 16x256x128 matmul: far more than a millisecond on any machine.
        Point p = Points.with(Points.sim(0, "qk-demo", "parallel", 0), Map.of(), true, 1);
        PointResult r = PointRunner.run(p, "t");
        assertEquals(Status.TIMEOUT, r.status());
        assertTrue(r.error().contains("still running after 1 ms"), r.error());
    }
}
