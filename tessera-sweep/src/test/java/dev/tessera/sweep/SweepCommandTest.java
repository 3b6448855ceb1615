package dev.tessera.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sweep.results.ResultStore;
import dev.tessera.sweep.results.Row;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole command on an in-thread engine: outputs, exit codes, resume, dry runs, failures. */
class SweepCommandTest {
    private static final String SWEEP = """
            {"examples": ["spmd-basic", "spmd-sync-start-edge"], "policies": ["serial", "parallel"], "seeds": "1..2"}
            """;

    @TempDir
    Path tmp;

    private InlineEngine engine = new InlineEngine();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int sweep(String... args) {
        return SweepCommand.execute(
                new PrintWriter(out, true), new PrintWriter(err, true), false, (master, name, conf) -> engine, args);
    }

    private Path file(String text) throws IOException {
        return Files.writeString(tmp.resolve("s.json"), text);
    }

    @Test
    void aSweepWritesResultsSummaryAndBoxPlots() throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(0, sweep(file(SWEEP).toString(), "--out", out.toString()), err.toString());
        assertEquals(8, engine.ran.size());
        assertTrue(engine.closed);
        assertEquals(8, ResultStore.read(out).size());
        for (String f : List.of(
                "results.csv",
                "summary.txt",
                "summary.html",
                "boxplots/makespanNs.png",
                "boxplots/startSpreadNs_max.png")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        String printed = this.out.toString();
        assertTrue(
                printed.contains(
                        "2 example runs × 2 policies × 1 topology × 1 sync-start mode × 1 cost variant × 2 seeds = 8 points"),
                printed);
        assertTrue(printed.contains("8 points: 8 PASS"), printed);
        assertTrue(err.toString().contains("8/8 done, 0 failed"), err.toString());
    }

    @Test
    void flagsAloneDescribeASweep() {
        Path out = tmp.resolve("flags");
        assertEquals(
                0,
                sweep(
                        "--examples",
                        "spmd-basic",
                        "--policies",
                        "serial,parallel",
                        "--seeds",
                        "3",
                        "--topologies",
                        "4x2",
                        "--cost",
                        "kernel.default=7000",
                        "--out",
                        out.toString()),
                err.toString());
        List<Row> rows = ResultStore.read(out);
        assertEquals(2, rows.size());
        assertEquals("4x2", rows.getFirst().get("topology"));
        assertEquals("cli", rows.getFirst().get("costs"));
    }

    @Test
    void withoutComputeThePointsAreUncheckedAndTheSweepSucceeds() {
        Path out = tmp.resolve("nc");
        assertEquals(
                0, sweep("--examples", "vector,spmd-basic", "--no-compute", "--out", out.toString()), err.toString());
        assertEquals(
                2,
                ResultStore.read(out).stream()
                        .filter(r -> r.get("status").equals("UNCHECKED"))
                        .count());
        assertTrue(this.out.toString().contains("2 UNCHECKED"), this.out.toString());
    }

    @Test
    void aFailedPointIsRecordedAndTheExitCodeSaysSo() {
        Path out = tmp.resolve("fail");
        // qk-demo computes 96 blocks of a 16x256x128 matmul: far more than a millisecond, so both points
        // are recorded as TIMEOUT and the sweep goes on.
        assertEquals(
                1,
                sweep(
                        "--examples",
                        "qk-demo",
                        "--policies",
                        "serial,parallel",
                        "--timeout",
                        "1ms",
                        "--out",
                        out.toString()),
                err.toString());
        assertEquals(
                2,
                ResultStore.read(out).stream()
                        .filter(r -> r.get("status").equals("TIMEOUT"))
                        .count());
        assertTrue(err.toString().contains("2/2 done, 2 failed"), err.toString());
    }

    @Test
    void casesAndOptionsFromFlags() {
        Path out = tmp.resolve("opts");
        assertEquals(
                0,
                sweep(
                        "--examples",
                        "alternating-matmul-add",
                        "--cases",
                        "default",
                        "--option",
                        "m=0,2",
                        "--option",
                        "add-batch=1",
                        "--out",
                        out.toString()),
                err.toString());
        List<Row> rows = ResultStore.read(out);
        assertEquals(
                List.of("add-batch=1;case=default;m=0", "add-batch=1;case=default;m=2"),
                rows.stream().map(r -> r.string("options")).toList());
        assertEquals(List.of(1L, 3L), rows.stream().map(r -> r.get("tasks")).toList());

        assertEquals(2, sweep("--cases", "Case1"));
        assertTrue(err.toString().contains("--cases: applies to the examples of --examples"), err.toString());
        assertEquals(2, sweep("--examples", "qk-demo", "--option", "variant=unroll"));
        assertTrue(err.toString().contains("qk-demo has no option 'variant' (it declares none)"), err.toString());
    }

    @Test
    void resumeRunsOnlyTheMissingPoints() throws IOException {
        Path out = tmp.resolve("resume");
        Path f = file(SWEEP);
        engine = new InlineEngine(3);
        assertEquals(3, sweep(f.toString(), "--out", out.toString()), "the engine failed");
        assertTrue(err.toString().contains("lost the cluster"), err.toString());
        assertEquals(3, ResultStore.read(out).size(), "finished rows are kept");

        assertEquals(2, sweep(f.toString(), "--out", out.toString()), "results exist: --resume needed");
        assertTrue(err.toString().contains("--resume"), err.toString());

        engine = new InlineEngine();
        assertEquals(0, sweep(f.toString(), "--out", out.toString(), "--resume"));
        assertEquals(5, engine.ran.size());
        assertTrue(this.out.toString().contains("to run     5 (3 already in"), this.out.toString());
        List<Row> rows = ResultStore.read(out);
        assertEquals(8, rows.size());
        assertEquals(8, rows.stream().map(Row::key).distinct().count());
    }

    @Test
    void aBadSweepFileRunsNothing() throws IOException {
        Path f = file("{\"examples\": [\"spmd-basic\"],\n \"seeds\": \"9..1\"}");
        assertEquals(2, sweep(f.toString(), "--out", tmp.resolve("x").toString()));
        assertTrue(err.toString().contains("s.json:2: seeds: seed range '9..1' runs backwards"), err.toString());
        assertTrue(engine.ran.isEmpty());
        assertFalse(Files.exists(tmp.resolve("x")), "not even the output folder");
        assertEquals(2, sweep("--examples", "nope"));
        assertTrue(err.toString().contains("command line: --examples[0]: unknown example 'nope'"), err.toString());
        assertEquals(2, sweep("--bogus"));
    }

    @Test
    void dryRunCountsAndEstimates() throws IOException {
        assertEquals(
                0,
                sweep(
                        file(SWEEP).toString(),
                        "--dry-run",
                        "--master",
                        "local[2]",
                        "--out",
                        tmp.resolve("d").toString()));
        String printed = out.toString();
        assertTrue(printed.contains("= 8 points"), printed);
        assertTrue(printed.matches("(?s).*probe +\\d+\\.\\d ms  spmd-basic a2a3 \\(PASS\\).*"), printed);
        assertTrue(printed.contains("ms per point (mean of 2 probes); about"), printed);
        assertTrue(printed.contains("on local[2] (2 cores"), printed);
        assertTrue(engine.ran.isEmpty());
        assertFalse(Files.exists(tmp.resolve("d")));
    }
}
