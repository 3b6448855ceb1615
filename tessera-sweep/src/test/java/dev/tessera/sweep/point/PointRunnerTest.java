package dev.tessera.sweep.point;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
    void withoutComputeThePointIsUncheckedAndKeepsItsFigures() {
        Point p = Points.with(Points.sim(0, "vector", "parallel", 0), Map.of(), false, 600_000);
        PointResult r = PointRunner.run(p, "t");
        assertEquals(Status.UNCHECKED, r.status(), r.error());
        assertEquals(0, r.checked());
        assertTrue(r.figures().containsKey("makespanNs"), "a timing-only run has its figures");
    }

    @Test
    void theExampleOptionsReachTheRun() {
        // bgemm's task count is an option: 2 GEMM and 2 ADD tasks, or 8 of each.
        Point small = Points.withOptions(Points.sim(0, "bgemm", "parallel", 0), Map.of("tasks", "2", "grid-k", "1"));
        Point large = Points.withOptions(small, Map.of("tasks", "8", "grid-k", "1"));
        PointResult a = PointRunner.run(small, "t");
        PointResult b = PointRunner.run(large, "t");
        assertEquals(Status.PASS, a.status(), a.error());
        assertEquals(Status.PASS, b.status(), b.error());
        assertEquals(4L, a.figures().get("tasks"));
        assertEquals(16L, b.figures().get("tasks"));
    }

    @Test
    void theCaseIsAnOptionOfThePoint() {
        Point p = Points.withOptions(
                Points.sim(0, "alternating-matmul-add", "parallel", 0), Map.of("case", "default", "m", "3"));
        PointResult r = PointRunner.run(p, "t");
        assertEquals(Status.PASS, r.status(), r.error());
        assertEquals(4L, r.figures().get("tasks"), "the case's one add task and the override's three matmul tasks");
    }

    @Test
    void aThreadedPointRunsOnTheCoresItNames() {
        Point sim = Points.sim(0, "spmd-basic", "parallel", 0);
        Point pooled = new Point(
                0,
                "spmd-basic",
                sim.options(),
                "parallel",
                sim.dispatchOptions(),
                "a2a3",
                "threaded:pooled:1",
                "reserve",
                0,
                "preset",
                sim.costOverrides(),
                true,
                sim.timeoutMs());
        assertTrue(pooled.noisy());
        var platform = PointRunner.settings(pooled).platform();
        assertEquals(
                "pooled:1",
                ((dev.tessera.platform.threaded.ThreadedPlatform) platform)
                        .executor()
                        .toString());
        PointResult r = PointRunner.run(pooled, "t");
        assertEquals(Status.PASS, r.status(), r.error());
    }

    @Test
    void aRunThatThrowsIsAnError() {
        Point bad = Points.withOptions(Points.sim(0, "spmd-basic", "parallel", 0), Map.of("variant", "x"));
        PointResult r = PointRunner.run(bad, "t");
        assertEquals(Status.ERROR, r.status());
        assertTrue(r.error().contains("spmd-basic takes no options"), r.error());
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
