package dev.tessera.sweep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sweep.point.Point;
import dev.tessera.sweep.point.PointResult;
import dev.tessera.sweep.point.PointRunner;
import dev.tessera.sweep.point.Points;
import dev.tessera.sweep.point.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The engine on embedded Spark (local[2]): every point comes back once, as on a direct run. */
class SparkEngineTest {
    @Test
    void everyPointComesBackOnTheCallingThreadWithTheSameResultAsAlone() throws InterruptedException {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 6; i++)
            points.add(Points.sim(i, i % 2 == 0 ? "spmd-sync-start" : "spmd-wide", "serial", i));
        // one point that throws: still a result, the job goes on
        points.add(new Point(
                6,
                "spmd-basic",
                new TreeMap<>(Map.of("case", "x")),
                "serial",
                new TreeMap<>(),
                "a2a3",
                "sim",
                "reserve",
                0,
                "preset",
                new TreeMap<>(),
                true,
                600_000));
        List<PointResult> got = new ArrayList<>();
        Thread caller = Thread.currentThread();
        try (SparkEngine engine = new SparkEngine("local[2]", "engine test", Map.of())) {
            assertEquals(2, engine.parallelism());
            assertTrue(engine.describe().contains("local[2]"), engine.describe());
            engine.run(points, r -> {
                assertEquals(caller, Thread.currentThread());
                got.add(r);
            });
        }
        assertEquals(points.size(), got.size());
        got.sort((a, b) -> Integer.compare(a.point().index(), b.point().index()));
        for (int i = 0; i < 6; i++) {
            PointResult r = got.get(i);
            assertEquals(points.get(i), r.point());
            assertEquals(Status.PASS, r.status(), r.error());
            assertEquals("driver", r.executor());
            assertEquals(PointRunner.run(points.get(i), "alone").figures(), r.figures());
        }
        assertEquals(Status.ERROR, got.get(6).status());
    }
}
