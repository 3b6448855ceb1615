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
                "topology       4x2", "policy         serial", "seed           3", "tasks          5",
                "blocks         18 (54 core dispatches)", "makespan", "µs", "per scheduler  s0 ", "s1 "}) {
            assertTrue(r.out().contains(s), "missing '" + s + "' in\n" + r.out());
        }
        assertTrue(r.out().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("PASS"), r.out());
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
