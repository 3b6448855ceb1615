package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} and {@code demo} end to end.
 */
class CliRunOnRuntimeTest {
    @Test
    void runPrintsASummaryAndPasses() {
        CliHarness r =
                CliHarness.run("run", "spmd-multiblock-mix", "--topology", "4x2", "--policy", "serial", "--seed", "3");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        for (String s : new String[] {
            "example        spmd-multiblock-mix",
            "platform       threaded",
            "topology       4x2",
            "policy         serial",
            "sync start     reserve",
            "seed           3",
            "tasks          5",
            "blocks         18 (54 core dispatches)",
            "makespan",
            "µs",
            "per scheduler  s0 ",
            "s1 "
        }) {
            assertTrue(r.out().contains(s), "missing '" + s + "' in\n" + r.out());
        }
        assertTrue(r.out().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("PASS"), r.out());
    }

    @Test
    void runTakesTheSyncStartModeAndWarmUps() {
        CliHarness r = CliHarness.run(
                "run", "spmd-sync-start", "--topology", "4x2", "--sync-start", "freeze", "--warmup", "2");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("sync start     freeze"), r.out());
        assertTrue(r.out().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("PASS"), r.out());
    }

    @Test
    void runTakesTheCoreExecutorAndSaysWhatItUses() {
        CliHarness pooled = CliHarness.run("run", "spmd-multiblock-aiv", "--topology", "4x2", "--cores", "pooled:3");
        assertEquals(0, pooled.exitCode(), pooled.out() + pooled.err());
        assertTrue(pooled.out().contains("cores          pooled (3 workers)"), pooled.out());
        CliHarness dedicated =
                CliHarness.run("run", "spmd-multiblock-aiv", "--topology", "4x2", "--cores", "dedicated");
        assertEquals(0, dedicated.exitCode(), dedicated.out() + dedicated.err());
        assertTrue(dedicated.out().contains("cores          dedicated (15 threads)"), dedicated.out());
        CliHarness auto = CliHarness.run("run", "spmd-multiblock-aiv", "--topology", "4x2");
        assertTrue(auto.out().contains(", auto)"), auto.out());
    }

    @Test
    void coresThatCannotWorkAreABadCommandLine() {
        CliHarness sim = CliHarness.run("run", "vector", "--platform", "sim", "--cores", "pooled");
        assertEquals(2, sim.exitCode(), sim.out() + sim.err());
        assertTrue(sim.err().contains("--cores applies to --platform threaded only"), sim.err());
        CliHarness bad = CliHarness.run("run", "vector", "--cores", "pooled:0");
        assertEquals(2, bad.exitCode(), bad.out() + bad.err());
        assertTrue(bad.err().contains("use pooled, pooled:N"), bad.err());
        // a dedicated 20000x1 would start 60 002 threads: refused before anything runs
        CliHarness huge = CliHarness.run("run", "vector", "--topology", "20000x1", "--cores", "dedicated");
        assertEquals(2, huge.exitCode(), huge.out() + huge.err());
        assertTrue(huge.err().contains("60002 threads") && huge.err().contains("--cores pooled"), huge.err());
    }

    @Test
    void qkDemoPassesWithTwentyFourBlocksPerTaskOnA2a3() {
        CliHarness r = CliHarness.run("run", "qk-demo");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("blocks         96 (96 core dispatches)"), r.out());
        assertTrue(r.out().contains("4 tasks x 24 blocks of 16x256, d = 128"), r.out());
    }

    @Test
    void demoComparesQkDemoOnTheSimulatedA2a3(@TempDir Path dir) {
        CliHarness r = CliHarness.run("demo", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        for (String s : new String[] {
            "example        qk-demo",
            "platform       sim",
            "topology       a2a3",
            "seed           7",
            "serial         PASS",
            "parallel       PASS",
            "task 0 qk0 x24 spread",
            "Look at "
        }) {
            assertTrue(r.out().contains(s), "missing '" + s + "' in\n" + r.out());
        }
        assertTrue(Files.isRegularFile(dir.resolve("compare.png")));
        assertTrue(Files.isRegularFile(dir.resolve("parallel").resolve("swimlane.html")));
    }

    @Test
    void simRunsAreRepeatableForOneSeed() {
        String[] args = {"run", "spmd-multiblock-mix", "--platform", "sim", "--seed", "5"};
        CliHarness first = CliHarness.run(args);
        CliHarness again = CliHarness.run(args);
        assertEquals(0, first.exitCode(), first.out() + first.err());
        assertEquals(first.out(), again.out(), "same seed, same sim run");
        assertTrue(first.out().contains("platform       sim"), first.out());
    }

    @Test
    void simOptionsAreCheckedAndOnlyForSim() {
        CliHarness onThreaded = CliHarness.run("run", "spmd-basic", "--cost", "cost.ready_pop=5");
        assertEquals(2, onThreaded.exitCode(), onThreaded.err());
        assertTrue(onThreaded.err().contains("--platform sim only"), onThreaded.err());
        CliHarness badKey = CliHarness.run("run", "spmd-basic", "--platform", "sim", "--cost", "cost.teleport=5");
        assertEquals(2, badKey.exitCode(), badKey.err());
        assertTrue(badKey.err().contains("cost.teleport"), badKey.err());
        CliHarness slower = CliHarness.run("run", "spmd-basic", "--platform", "sim", "--cost", "kernel.default=50000");
        assertEquals(0, slower.exitCode(), slower.err());
    }
}
