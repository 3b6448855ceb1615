package dev.tessera.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker every test relies on must itself catch each kind of broken dispatch. */
class InvariantCheckerTest {
    private static final Topology TOPO = Topology.custom(4, 2);
    private static final Kernel K = Kernel.of("k", ctx -> {});

    private static TaskSlot task(int shape, int mask, int blockNum, boolean syncStart) {
        TaskSlot t = new TaskSlot(0, 0);
        t.prepare(7);
        t.name = "t";
        t.shape = shape;
        t.activeMask = mask;
        t.blockNum = blockNum;
        t.syncStart = syncStart;
        return t;
    }

    private static void run(InvariantChecker c, TaskSlot t, int core, int slot, int block) {
        DispatchPayload p = new DispatchPayload(
                core, TOPO.clusterOf(core), TOPO.typeOf(core), TOPO.laneOf(core).subBlockId());
        p.kernel = K;
        p.task = t;
        p.taskId = t.taskId;
        p.blockIdx = block;
        p.blockNum = t.blockNum;
        p.lane = slot;
        c.beforeRun(p);
    }

    private static int core(int cluster, Lane lane) {
        return TOPO.coreId(cluster, lane);
    }

    @Test
    void aCorrectMixRunHasNoViolations() {
        InvariantChecker c = new InvariantChecker();
        TaskSlot t = task(TaskShape.MIX, Lane.AIC.bit() | Lane.AIV0.bit() | Lane.AIV1.bit(), 2, false);
        for (int b = 0; b < 2; b++) {
            for (Lane l : Lane.values()) run(c, t, core(b, l), l.ordinal(), b);
        }
        assertEquals(List.of(), c.violations(TOPO));
    }

    @Test
    void catchesDuplicatesMissingBlocksWrongLanesAndSplitClusters() {
        InvariantChecker dup = new InvariantChecker();
        TaskSlot aiv = task(TaskShape.AIV, Lane.AIV0.bit(), 2, false);
        run(dup, aiv, core(0, Lane.AIV0), 1, 0);
        run(dup, aiv, core(1, Lane.AIV1), 1, 0);
        List<String> v = dup.violations(TOPO);
        assertTrue(v.stream().anyMatch(s -> s.contains("ran twice")), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.contains("1 of 2 blocks ran")), v.toString());

        InvariantChecker lane = new InvariantChecker();
        TaskSlot mix = task(TaskShape.MIX, Lane.AIC.bit() | Lane.AIV0.bit() | Lane.AIV1.bit(), 1, false);
        run(lane, mix, core(0, Lane.AIC), 0, 0);
        run(lane, mix, core(0, Lane.AIV1), 1, 0);
        run(lane, mix, core(1, Lane.AIV1), 2, 0);
        v = lane.violations(TOPO);
        assertTrue(v.stream().anyMatch(s -> s.contains("MIX slot ran on lane AIV1")), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.contains("different clusters")), v.toString());

        InvariantChecker type = new InvariantChecker();
        TaskSlot aic = task(TaskShape.AIC, Lane.AIC.bit(), 1, false);
        run(type, aic, core(2, Lane.AIV0), 0, 0);
        assertTrue(type.violations(TOPO).stream().anyMatch(s -> s.contains("AIC slot ran on a vector core")));
    }

    @Test
    void catchesACohortBlockStartingBeforeTheCohortIsPlaced() {
        InvariantChecker c = new InvariantChecker();
        TaskSlot cohort = task(TaskShape.AIV, Lane.AIV0.bit(), 2, true);
        cohort.blockPlaced();
        run(c, cohort, core(0, Lane.AIV0), 1, 0);
        cohort.blockPlaced();
        run(c, cohort, core(0, Lane.AIV1), 1, 1);
        List<String> v = c.violations(TOPO);
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("started when only 1 of 2 blocks were placed"), v.get(0));
    }
}
