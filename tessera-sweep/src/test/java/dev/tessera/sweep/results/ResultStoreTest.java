package dev.tessera.sweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sweep.point.Column;
import dev.tessera.sweep.point.Point;
import dev.tessera.sweep.point.PointResult;
import dev.tessera.sweep.point.Points;
import dev.tessera.sweep.point.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output folder: Parquet and CSV agree, survive an interrupted sweep, and support --resume. */
class ResultStoreTest {
    @TempDir
    Path dir;

    private static PointResult result(int i, Status status) {
        Point p = Points.sim(i, "spmd-basic", i % 2 == 0 ? "serial" : "parallel", i / 2);
        Map<String, Object> figures = new LinkedHashMap<>();
        if (status.finished()) {
            figures.put("makespanNs", 1000L + i);
            figures.put("overheadPct_aic", 1.5 * i);
            figures.put("blocksPerScheduler", "1/0/" + i);
        }
        String error = status.finished() ? null : "boom, \"quoted\", and\na second line";
        return new PointResult(p, status, error, 48, status == Status.FAIL ? 3 : 0, figures, 12.5 + i, "exec-" + i);
    }

    @Test
    void parquetAndCsvHoldTheSameRows() throws Exception {
        try (ResultStore s = ResultStore.open(dir, false)) {
            s.add(result(0, Status.PASS));
            s.add(result(1, Status.FAIL));
            s.add(result(2, Status.ERROR));
            s.close(true);
        }
        List<Row> rows = ResultStore.read(dir);
        assertEquals(3, rows.size());
        Row pass = rows.get(0);
        assertEquals(1000L, pass.get("makespanNs"));
        assertEquals(0.0, pass.get("overheadPct_aic"));
        assertEquals("1/0/0", pass.get("blocksPerScheduler"));
        assertEquals(true, pass.get("compute"));
        assertEquals("PASS", pass.get("status"));
        assertNull(pass.get("error"));
        assertNull(pass.get("startSpreadNs_max"), "a figure the run did not have is missing, not zero");
        assertEquals("ERROR", rows.get(2).get("status"));
        assertEquals("boom, \"quoted\", and\na second line", rows.get(2).get("error"));
        assertNull(rows.get(2).get("makespanNs"));

        List<Map<String, String>> csv = Csv.read(dir.resolve(ResultStore.CSV));
        assertEquals(3, csv.size());
        assertEquals(
                ResultSchema.COLUMNS.stream().map(Column::name).toList(),
                List.copyOf(csv.getFirst().keySet()));
        for (int i = 0; i < 3; i++) {
            for (Column c : ResultSchema.COLUMNS) {
                Object v = rows.get(i).get(c.name());
                assertEquals(v == null ? "" : v.toString(), csv.get(i).get(c.name()), c.name());
            }
        }
    }

    @Test
    void anInterruptedSweepLeavesEveryFlushedRowReadable() throws Exception {
        ResultStore s = ResultStore.open(dir, false);
        for (int i = 0; i < ResultStore.FLUSH_ROWS + 5; i++) s.add(result(i, Status.PASS));
        // no close(): the process dies here. The first FLUSH_ROWS rows went into a Parquet part, every row into the
        // CSV.
        assertEquals(ResultStore.FLUSH_ROWS, ResultStore.read(dir).size());
        assertEquals(
                ResultStore.FLUSH_ROWS + 5,
                Csv.read(dir.resolve(ResultStore.CSV)).size());
        try (var files = Files.list(dir.resolve(ResultStore.PARQUET))) {
            assertTrue(
                    files.allMatch(f -> f.getFileName().toString().matches("part-\\d{5}\\.parquet")),
                    "only complete parts are visible");
        }
        // what the shutdown hook does on Ctrl-C
        s.close(false);
        assertEquals(ResultStore.FLUSH_ROWS + 5, ResultStore.read(dir).size());
    }

    @Test
    void resumeKnowsTheFinishedPointsAndRewritesTheCsvFromParquet() throws Exception {
        try (ResultStore s = ResultStore.open(dir, false)) {
            s.add(result(0, Status.PASS));
            s.add(result(1, Status.TIMEOUT));
        }
        // a CSV line whose Parquet part never got written (killed between the two)
        Files.writeString(dir.resolve(ResultStore.CSV), "garbage,line\n", java.nio.file.StandardOpenOption.APPEND);
        try (ResultStore s = ResultStore.open(dir, true)) {
            assertEquals(2, s.resumed());
            assertEquals(
                    Set.of(
                            result(0, Status.PASS).point().key(),
                            result(1, Status.PASS).point().key()),
                    s.keys());
            assertEquals(2, Csv.read(dir.resolve(ResultStore.CSV)).size());
            s.add(result(2, Status.PASS));
            s.close(true);
        }
        assertEquals(3, ResultStore.read(dir).size());
        assertEquals(3, Csv.read(dir.resolve(ResultStore.CSV)).size());
        try (var files = Files.list(dir.resolve(ResultStore.PARQUET))) {
            assertEquals(1, files.count(), "a finished sweep's parts are merged into one");
        }
    }

    @Test
    void existingResultsNeedResume() throws Exception {
        try (ResultStore s = ResultStore.open(dir, false)) {
            s.add(result(0, Status.PASS));
        }
        var e = assertThrows(ResultStore.ExistingResultsException.class, () -> ResultStore.open(dir, false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void aFolderWhoseSweepNeverRanAPointHoldsNoResults() {
        ResultStore.open(dir, false).close(false); // e.g. the engine could not start
        try (ResultStore again = ResultStore.open(dir, false)) {
            assertEquals(0, again.resumed());
        }
    }

    @Test
    void anUnwritableFolderIsAnOutputError() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThrows(OutputException.class, () -> ResultStore.open(file.resolve("out"), false));
    }
}
