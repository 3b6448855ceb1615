package dev.tessera.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sweep.point.PointResult;
import dev.tessera.sweep.point.Points;
import dev.tessera.sweep.point.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private long now;

    private static PointResult result(Status s) {
        return new PointResult(Points.sim(0, "vector", "serial", 0), s, null, 0, 0, Map.of(), 1, "x");
    }

    @Test
    void countsRateAndEta() {
        StringWriter sw = new StringWriter();
        Progress p = new Progress(new PrintWriter(sw), false, 10, () -> now);
        now = 2_000_000_000L;
        p.add(result(Status.PASS));
        now = 4_000_000_000L;
        p.add(result(Status.TIMEOUT));
        // 2 points in 4 s: 30 per minute; 8 left take 16 s
        assertEquals("[#####.......................] 2/10 done, 1 failed, 30.0 points/min, ETA 16s", p.line(now));
        String log = sw.toString();
        assertTrue(log.contains("1/10 done") && log.contains("2/10 done"), "a log line per tenth: " + log);
    }

    @Test
    void aTerminalLineIsRedrawnInPlace() {
        StringWriter sw = new StringWriter();
        Progress p = new Progress(new PrintWriter(sw), true, 2, () -> now);
        now = 1_000_000_000L;
        p.add(result(Status.PASS));
        now = 2_000_000_000L;
        p.add(result(Status.PASS));
        p.finish();
        assertTrue(sw.toString().startsWith("\r["), sw.toString());
        assertTrue(sw.toString().contains("2/2 done, 0 failed, 60.0 points/min, took 2.0s"), sw.toString());
        assertTrue(sw.toString().endsWith(System.lineSeparator()));
    }
}
