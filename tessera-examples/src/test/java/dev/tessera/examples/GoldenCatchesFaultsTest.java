package dev.tessera.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.examples.SequentialOrchestrator.Fault;
import dev.tessera.topology.Topology;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The goldens are only worth something if a scheduler that gets blocks wrong fails them: run the
 * examples on a deliberately faulty executor and expect FAIL with the differences listed.
 */
class GoldenCatchesFaultsTest {
    @ParameterizedTest(name = "{0} detects {1}")
    @CsvSource({
        "spmd-basic, SAME_AIV_LANE",
        "spmd-basic, WRONG_BLOCK_NUM",
        "spmd-multiblock-mix, SAME_AIV_LANE",
        "spmd-multiblock-mix, SKIP_LAST_BLOCK",
        "spmd-multiblock-mix, DUPLICATE_BLOCK_IDX",
        "spmd-multiblock-aiv, SKIP_LAST_BLOCK",
        "spmd-multiblock-aiv, DUPLICATE_BLOCK_IDX",
        "spmd-batch-dispatch-oob, SKIP_LAST_BLOCK",
        "spmd-sync-start, DUPLICATE_BLOCK_IDX",
        "spmd-sync-start-aiv, SKIP_LAST_BLOCK",
        "spmd-sync-start-edge, SAME_AIV_LANE",
        "spmd-sync-start-stress, DUPLICATE_BLOCK_IDX",
        "spmd-starvation, SKIP_LAST_BLOCK",
        "spmd-mixed-independent, ALL_ON_AIV",
        "spmd-mixed-independent, WRONG_BLOCK_NUM",
        "spmd-mixed-independent, SAME_AIV_LANE",
        "spmd-wide, SKIP_LAST_BLOCK",
        "spmd-wide, DUPLICATE_BLOCK_IDX",
        "qk-demo, SKIP_LAST_BLOCK",
        "qk-demo, DUPLICATE_BLOCK_IDX",
        "qk-demo, WRONG_BLOCK_NUM",
    })
    void faultyExecutionFails(String name, Fault fault) {
        for (Topology t : new Topology[] {Topology.a2a3(), Topology.custom(4, 2)}) {
            Verdict v =
                    SequentialOrchestrator.runAndVerify(Examples.byName(name).orElseThrow(), t, fault);
            assertFalse(v.passed(), name + " on " + t + " passed despite " + fault);
            assertTrue(v.mismatches() > 0);
            assertEquals(
                    Math.min(v.mismatches(), Golden.REPORTED_MISMATCHES),
                    v.firstMismatches().size());
            assertTrue(v.describe().startsWith("FAIL"), v.describe());
        }
    }
}
