package dev.tessera.cli;

import static dev.tessera.cli.CliTraceTest.BLOCKS;
import static dev.tessera.cli.CliTraceTest.SUBTASKS;
import static dev.tessera.cli.CliTraceTest.assertChromeTrace;
import static dev.tessera.cli.CliTraceTest.assertSwimlanePage;
import static dev.tessera.cli.CliTraceTest.count;
import static dev.tessera.cli.CliTraceTest.decodePng;
import static dev.tessera.cli.CliTraceTest.lastLine;
import static dev.tessera.cli.Json.array;
import static dev.tessera.cli.Json.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Orchestration;
import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.Verdict;
import dev.tessera.scheduler.SyncStartMode;
import dev.tessera.topology.Topology;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code compare}: both runs verified, both traces and pages, one stacked picture, one statistics file, one table. */
class CliCompareTest {
    @Test
    void writesBothRunsOnePictureAndOneStatisticsFile(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("cmp");
        CliHarness r = CliHarness.run(
                "compare", "spmd-multiblock-mix", "--topology", "4x2", "--seed", "5", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals("", r.err());

        for (String policy : List.of("serial", "parallel")) {
            assertChromeTrace(dir.resolve(policy).resolve("trace.json"), SUBTASKS);
            assertSwimlanePage(
                    dir.resolve(policy).resolve("swimlane.html"), SUBTASKS, tmp.resolve("chromium-" + policy));
            assertTrue(
                    r.out().contains(dir.resolve(policy).resolve("trace.json").toString()), r.out());
        }
        Map<String, Object> both = object(Json.parse(dir.resolve("compare.json")));
        assertEquals(List.of("serial", "parallel"), List.copyOf(both.keySet()));
        for (String policy : both.keySet()) {
            Map<String, Object> stats = object(both.get(policy));
            assertEquals(policy, stats.get("policy"));
            assertEquals("4x2", stats.get("topology"));
            assertEquals((long) BLOCKS, stats.get("blocks"));
            assertEquals((long) SUBTASKS, stats.get("subtasks"));
        }

        // Two swimlanes stacked: about twice as tall as the one a single traced run draws.
        BufferedImage stacked = decodePng(dir.resolve("compare.png"));
        Path single = tmp.resolve("single");
        assertEquals(
                0,
                CliHarness.run("run", "spmd-multiblock-mix", "--topology", "4x2", "--trace", single.toString())
                        .exitCode());
        BufferedImage one = decodePng(single.resolve("swimlane.png"));
        assertEquals(one.getWidth(), stacked.getWidth());
        assertTrue(
                stacked.getHeight() > 2 * one.getHeight() - 100 && stacked.getHeight() < 2 * one.getHeight() + 100,
                "stacked " + stacked.getHeight() + " px, one run " + one.getHeight() + " px");

        // Side by side: the verdicts, makespan, blocks per scheduler, and one spread row per SPMD task.
        assertTrue(r.out().contains("serial         PASS"), r.out());
        assertTrue(r.out().contains("parallel       PASS"), r.out());
        assertTrue(r.out().contains("policy         serial, then parallel"), r.out());
        assertTrue(r.out().contains("before (serial)") && r.out().contains("after (parallel)"), r.out());
        assertTrue(r.out().contains("makespan (us)"), r.out());
        long spmdTasks = array(object(both.get("serial")).get("tasks")).stream()
                .filter(t -> (Long) object(t).get("blockNum") > 1)
                .count();
        assertTrue(spmdTasks >= 4, "spmd-multiblock-mix on 4x2 has SPMD tasks");
        assertEquals(spmdTasks, count(r.out(), "spread (us)"), r.out());
        assertEquals(spmdTasks + 1, count(r.out(), "blocks per scheduler"), r.out());
        assertTrue(r.out().contains(dir.resolve("compare.png").toString()), r.out());
        assertTrue(lastLine(r.out()).startsWith("PASS"), r.out());
    }

    @Test
    void syncStartFreezeRunsBothPolicies(@TempDir Path tmp) {
        CliHarness r = CliHarness.run(
                "compare",
                "spmd-sync-start",
                "--topology",
                "4x2",
                "--sync-start",
                "freeze",
                "--warmup",
                "0",
                "--out",
                tmp.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("sync start     freeze"), r.out());
        assertTrue(Files.isRegularFile(tmp.resolve("compare.json")));
    }

    @Test
    void syncStartNamesMapToTheModes() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("spmd-basic", "--sync-start", "freeze");
        assertEquals(SyncStartMode.FREEZE_ALL, run.options.settings(false).syncStart());
        new CommandLine(run).parseArgs("spmd-basic", "--sync-start", "RESERVE");
        assertEquals(SyncStartMode.RESERVE, run.options.settings(false).syncStart());
        CompareCommand compare = new CompareCommand();
        new CommandLine(compare).parseArgs("spmd-basic", "--out", "x");
        assertEquals(
                SyncStartMode.RESERVE,
                compare.machine
                        .settings(dev.tessera.scheduler.DispatchPolicy.SERIAL, true)
                        .syncStart());
    }

    /** Delegates to {@code inner}, but run number {@code failing} (0 = the first instance made) reports a mismatch. */
    private record FailOnRun(Example inner, int failing, AtomicInteger runs) implements Example {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public String description() {
            return inner.description();
        }

        @Override
        public ExampleInstance instantiate(Topology topology, dev.tessera.examples.Options options) {
            ExampleInstance real = inner.instantiate(topology, options);
            if (runs.getAndIncrement() != failing) return real;
            return new ExampleInstance() {
                @Override
                public Orchestration orchestration() {
                    return real.orchestration();
                }

                @Override
                public Verdict verify() {
                    return new Verdict(1, 1, List.of(new Verdict.Mismatch("out", 0, 1.0, 0.0)));
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        }
    }

    @ParameterizedTest(name = "run {0} fails")
    @CsvSource({"0, serial", "1, parallel"})
    void oneFailingRunMakesTheComparisonFail(int failing, String policy, @TempDir Path tmp) {
        CompareCommand compare = new CompareCommand();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(compare).setOut(new PrintWriter(out, true));
        cli.parseArgs("spmd-basic", "--topology", "4x2", "--warmup", "0", "--out", tmp.toString());
        compare.example = new FailOnRun(compare.example, failing, new AtomicInteger());
        assertEquals(ExitCodes.FAIL, compare.call());
        String text = out.toString();
        assertTrue(text.contains(String.format("%-14s FAIL", policy)), text);
        assertTrue(lastLine(text).equals("FAIL (" + policy + " did not match the golden)"), text);
        assertTrue(Files.isRegularFile(tmp.resolve("compare.png")), "outputs are written for a failing run too");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--topology 4x2                               | Missing required option: '--out=DIR'",
                "--out X --policy serial                      | unknown option '--policy': not an option of compare",
                "--out X --sync-start sometimes               | unknown sync-start mode 'sometimes': use reserve or freeze",
                "--out X --warmup -1                          | --warmup must be 0 or more, got -1",
                "--out X --topology 3x9                       | 9 schedulers for 3 clusters",
            })
    void badOptionsAreUsageErrors(String options, String expected, @TempDir Path tmp) {
        String[] opts =
                options.replace("X", tmp.resolve("out").toString()).trim().split("\\s+");
        String[] argv = new String[opts.length + 2];
        argv[0] = "compare";
        argv[1] = "spmd-basic";
        System.arraycopy(opts, 0, argv, 2, opts.length);
        CliHarness r = CliHarness.run(argv);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertTrue(r.err().contains("Try 'tessera compare --help'"), r.err());
        assertEquals("", r.out(), "nothing ran");
        assertTrue(Files.notExists(tmp.resolve("out")), "nothing written");
    }
}
