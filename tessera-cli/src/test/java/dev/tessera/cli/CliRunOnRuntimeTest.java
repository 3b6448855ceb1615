package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code run} and {@code demo} end to end.
 */
class CliRunOnRuntimeTest {
    @Test
    void runPrintsASummaryAndPasses() {
        CliHarness r = CliHarness.run("run", "spmd-multiblock-mix", "--topology", "4x2", "--policy", "serial", "--seed", "3");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        for (String s : new String[] {"example        spmd-multiblock-mix", "platform       threaded",
                "topology       4x2", "policy         serial", "sync start     reserve", "seed           3", "tasks          5",
                "blocks         18 (54 core dispatches)", "makespan", "µs", "per scheduler  s0 ", "s1 "}) {
            assertTrue(r.out().contains(s), "missing '" + s + "' in\n" + r.out());
        }
        assertTrue(r.out().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("PASS"), r.out());
    }

    @Test
    void runTakesTheSyncStartModeAndWarmUps() {
        CliHarness r = CliHarness.run("run", "spmd-sync-start", "--topology", "4x2", "--sync-start", "freeze", "--warmup", "2");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("sync start     freeze"), r.out());
        assertTrue(r.out().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("PASS"), r.out());
    }

    @Test
    void qkDemoPassesWithTwentyFourBlocksPerTaskOnA2a3() {
        CliHarness r = CliHarness.run("run", "qk-demo");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("blocks         96 (96 core dispatches)"), r.out());
        assertTrue(r.out().contains("4 tasks x 24 blocks of 16x256, d = 128"), r.out());
    }

    @Test
    void demoRunsTheVectorExample() {
        CliHarness r = CliHarness.run("demo");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("example        vector"), r.out());
        assertTrue(r.out().contains("f[0,0] = 47.0"), r.out());
        assertTrue(r.out().contains("PASS"), r.out());
    }
}
