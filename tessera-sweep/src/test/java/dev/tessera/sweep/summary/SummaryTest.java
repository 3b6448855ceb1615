package dev.tessera.sweep.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sweep.point.Point;
import dev.tessera.sweep.point.PointResult;
import dev.tessera.sweep.point.Points;
import dev.tessera.sweep.point.Status;
import dev.tessera.sweep.results.ResultSchema;
import dev.tessera.sweep.results.Row;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {
    /** qk-demo: serial makespans 110..200, parallel 100..190 (seeds 0..9); vector: parallel only, one ERROR. */
    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (int seed = 0; seed < 10; seed++) {
            for (String policy : List.of("serial", "parallel")) {
                long makespan = 100 + 10L * seed + (policy.equals("serial") ? 10 : 0);
                rows.add(row(Points.sim(i++, "qk-demo", policy, seed), Status.PASS, makespan));
            }
        }
        rows.add(row(Points.sim(i++, "vector", "parallel", 0), Status.PASS, 50));
        rows.add(row(Points.sim(i, "vector", "parallel", 1), Status.ERROR, 0));
        return rows;
    }

    private static Row row(Point p, Status s, long makespan) {
        Map<String, Object> f = s.finished() ? Map.of("makespanNs", makespan, "overheadPct_aic", 2.0) : Map.of();
        return ResultSchema.row(new PointResult(p, s, s.finished() ? null : "boom", 1, 0, f, 1, "x"));
    }

    @Test
    void perWorkloadAndPolicyWithRatiosToTheBaseline() {
        Summary s = Summary.of(rows(), List.of("makespanNs", "overheadPct_aic"), "parallel");
        assertEquals(List.of("qk-demo a2a3", "vector a2a3"), s.workloads());
        assertEquals(List.of("serial", "parallel"), s.policies());
        Summary.Cell serial = s.cells().get("qk-demo a2a3").get("serial");
        assertEquals(10, serial.points());
        assertEquals(10, serial.ok());
        assertEquals(155, serial.figures().get("makespanNs").median());
        assertEquals(119, serial.figures().get("makespanNs").p10(), 1e-9);
        assertEquals(155.0 / 145.0, serial.ratios().get("makespanNs"), 1e-12);
        assertEquals(1.0, s.cells().get("qk-demo a2a3").get("parallel").ratios().get("makespanNs"));
        Summary.Cell vector = s.cells().get("vector a2a3").get("parallel");
        assertEquals(2, vector.points());
        assertEquals(1, vector.errors());
        assertEquals(1, vector.figures().get("makespanNs").n(), "an ERROR row has no figures");
        assertFalse(s.allOk());
        assertEquals(1, s.statusCounts().get(Status.ERROR));
    }

    @Test
    void noRatioWithoutTheBaselineOnThatWorkload() {
        Summary s = Summary.of(rows(), List.of("makespanNs"), "serial");
        assertNull(s.cells().get("vector a2a3").get("parallel").ratios().get("makespanNs"));
    }

    @Test
    void workloadNamesShowOnlyWhatDiffersFromTheDefaults() {
        Point p = new Point(
                0,
                "qk-demo",
                new java.util.TreeMap<>(Map.of("case", "Case1")),
                "serial",
                new java.util.TreeMap<>(),
                "a5",
                "sim",
                "freeze",
                1,
                "slow",
                new java.util.TreeMap<>(Map.of("kernel.default", "9")),
                false,
                1000);
        assertEquals(
                "qk-demo [case=Case1] a5 sync=freeze costs=slow no-compute", Summary.workload(row(p, Status.FAIL, 3)));
    }

    @Test
    void textHtmlAndBoxPlots() {
        Summary s = Summary.of(rows(), List.of("makespanNs"), "parallel");
        String text = SummaryText.render(s);
        assertTrue(text.startsWith("22 points: 21 PASS, 0 FAIL, 1 ERROR, 0 TIMEOUT"), text);
        assertTrue(text.contains("makespan (µs)"), text);
        assertTrue(text.contains("qk-demo a2a3"), text);
        assertTrue(text.contains("1.069"), text); // 155 / 145
        String html = SummaryHtml.render(s, "Sweep t", rows());
        assertTrue(html.contains("<td class=l>qk-demo a2a3</td>"), html);
        assertTrue(html.contains("data:image/png;base64,"), "box plots are embedded");
        assertTrue(html.contains("Points that failed (1)") && html.contains("boom"), "failures are listed");
        BufferedImage img = BoxPlots.render(s, "makespanNs");
        assertEquals(2 * 380, img.getWidth(), "one panel per workload");
        assertTrue(img.getHeight() > 100);
    }
}
