package dev.tessera.examples.spmd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.topology.Topology;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The task lists against the reference tests of spec §6.2, and how they follow the topology. */
class SpmdPlanTest {
    private static final Topology A2A3 = Topology.a2a3();

    /** {@code (kind, blockNum, baseCl, sync)} for every task, as the spec lists them. */
    private static void assertTasks(SpmdPlan plan, long totalLines, Object[]... expected) {
        List<SpmdTask> tasks = plan.tasks();
        assertEquals(expected.length, tasks.size(), "task count of " + tasks);
        for (int i = 0; i < expected.length; i++) {
            SpmdTask t = tasks.get(i);
            assertEquals(expected[i][0], t.kind(), "kind of task " + i);
            assertEquals(expected[i][1], t.blockNum(), "blockNum of task " + i);
            assertEquals(((Integer) expected[i][2]).longValue(), t.baseCl(), "base_cl of task " + i);
            assertEquals(expected[i][3], t.syncStart(), "syncStart of task " + i);
        }
        assertEquals(totalLines, plan.totalLines());
    }

    private static Object[] mix(int bn, int cl) {
        return new Object[] {SpmdKind.MIX, bn, cl, false};
    }

    private static Object[] mixSync(int bn, int cl) {
        return new Object[] {SpmdKind.MIX, bn, cl, true};
    }

    private static Object[] aiv(int bn, int cl) {
        return new Object[] {SpmdKind.AIV, bn, cl, false};
    }

    private static Object[] aivSync(int bn, int cl) {
        return new Object[] {SpmdKind.AIV, bn, cl, true};
    }

    @Test
    void basicIsOneMixBlockOfThreeLines() {
        SpmdPlan plan = SpmdSuite.basic(A2A3);
        assertTasks(plan, 3, new Object[] {SpmdKind.MIX_READ, 1, 0, false});
        float[] g = plan.golden();
        assertEquals(48, g.length);
        // out[0..1] = (0,1), out[16..18] = (0,1,0), out[32..34] = (0,1,1), all else 0.
        float[] expected = new float[48];
        expected[1] = 1;
        expected[17] = 1;
        expected[33] = 1;
        expected[34] = 1;
        assertArrayEquals(expected, g);
    }

    @Test
    void multiblockAivMatchesTheReference() {
        assertTasks(SpmdSuite.multiblockAiv(A2A3), 188, aiv(4, 0), aiv(16, 4), aiv(24, 20), aiv(48, 44), aiv(96, 92));
        assertEquals(3008, SpmdSuite.multiblockAiv(A2A3).totalFloats());
    }

    @Test
    void multiblockMixMatchesTheReference() {
        assertTasks(SpmdSuite.multiblockMix(A2A3), 282, mix(2, 0), mix(8, 6), mix(12, 30), mix(24, 66), mix(48, 138));
    }

    @Test
    void batchDispatchOobMatchesTheReference() {
        assertTasks(SpmdSuite.batchDispatchOob(A2A3), 288, mix(48, 0), mix(48, 144));
    }

    @Test
    void syncStartMatchesTheReference() {
        assertTasks(SpmdSuite.syncStart(A2A3), 72, mixSync(2, 0), mixSync(8, 6), mix(2, 30), mixSync(12, 36));
    }

    @Test
    void syncStartAivMatchesTheReference() {
        assertTasks(SpmdSuite.syncStartAiv(A2A3), 48, aivSync(4, 0), aivSync(16, 4), aiv(4, 20), aivSync(24, 24));
    }

    @Test
    void syncStartEdgeMatchesTheReferenceOnA2a3AndFollowsA5() {
        assertTasks(
                SpmdSuite.syncStartEdge(A2A3),
                126,
                mixSync(1, 0),
                mixSync(8, 3),
                mixSync(9, 27),
                mixSync(23, 54),
                mix(1, 123));
        // a5: 36 clusters over 3 schedulers, 12 each.
        assertArrayEquals(
                new int[] {1, 12, 13, 35, 1},
                SpmdSuite.syncStartEdge(Topology.a5()).blockNums());
        // 5 clusters over 2 schedulers: scheduler 0 owns 3.
        assertArrayEquals(
                new int[] {1, 3, 4, 4, 1},
                SpmdSuite.syncStartEdge(Topology.custom(5, 2)).blockNums());
        // One scheduler owns everything: "one over" cannot exceed the clusters.
        assertArrayEquals(
                new int[] {1, 4, 4, 3, 1},
                SpmdSuite.syncStartEdge(Topology.custom(4, 1)).blockNums());
    }

    @Test
    void syncStartStressHasTheReferenceCountsPerRound() {
        SpmdPlan plan = SpmdSuite.syncStartStress(A2A3);
        assertEquals(54, plan.tasks().size());
        assertEquals(840, plan.totalLines());
        assertEquals(13_440, plan.totalFloats());
        for (int round = 0; round < 6; round++) {
            List<SpmdTask> r = plan.tasks().subList(9 * round, 9 * round + 9);
            assertEquals(4, count(r, SpmdKind.MIX, 4, false), "normal MIX x4 in round " + round);
            assertEquals(2, count(r, SpmdKind.MIX, 12, true), "sync MIX x12 in round " + round);
            assertEquals(2, count(r, SpmdKind.AIV, 8, true), "sync AIV x8 in round " + round);
            assertEquals(1, count(r, SpmdKind.AIV, 4, false), "normal AIV x4 in round " + round);
            assertEquals(140L * round, r.get(0).baseCl());
        }
    }

    private static long count(List<SpmdTask> tasks, SpmdKind kind, int bn, boolean sync) {
        return tasks.stream()
                .filter(t -> t.kind() == kind && t.blockNum() == bn && t.syncStart() == sync)
                .count();
    }

    @Test
    void starvationMatchesTheReference() {
        SpmdPlan plan = SpmdSuite.starvation(A2A3);
        assertEquals(20, plan.tasks().size());
        assertEquals(252, plan.totalLines());
        for (int i = 0; i < 20; i++) {
            SpmdTask t = plan.tasks().get(i);
            boolean sync = i == 6 || i == 13;
            assertEquals(SpmdKind.MIX, t.kind());
            assertEquals(sync, t.syncStart(), "task " + i);
            assertEquals(sync ? 6 : 4, t.blockNum(), "task " + i);
        }
    }

    @Test
    void referenceListsStayAsWrittenOnEveryMachineOfAtLeast24Clusters() {
        List<Function<Topology, SpmdPlan>> planners = List.of(
                SpmdSuite::multiblockAiv,
                SpmdSuite::multiblockMix,
                SpmdSuite::batchDispatchOob,
                SpmdSuite::syncStart,
                SpmdSuite::syncStartAiv,
                SpmdSuite::syncStartStress,
                SpmdSuite::starvation);
        for (Topology t : List.of(Topology.a5(), Topology.a5(6), Topology.custom(24, 1), Topology.custom(64, 8))) {
            for (Function<Topology, SpmdPlan> p : planners) assertEquals(p.apply(A2A3), p.apply(t), t.toString());
        }
    }

    @Test
    void smallerMachinesGetTheSameBoundaryCasesAtTheirOwnSizes() {
        // 4 clusters over 2 schedulers: P = 2 clusters, 4 AIV per scheduler; C = 4, 8 AIV.
        Topology t = Topology.custom(4, 2);
        assertArrayEquals(new int[] {1, 4, 6, 8, 16}, SpmdSuite.multiblockAiv(t).blockNums());
        assertArrayEquals(new int[] {1, 2, 3, 4, 8}, SpmdSuite.multiblockMix(t).blockNums());
        assertArrayEquals(new int[] {8, 8}, SpmdSuite.batchDispatchOob(t).blockNums());
        assertArrayEquals(new int[] {2, 2, 2, 3}, SpmdSuite.syncStart(t).blockNums());
        assertArrayEquals(new int[] {2, 4, 2, 6}, SpmdSuite.syncStartAiv(t).blockNums());
        // 23 clusters is below the reference size: planned from its own sizes (P = 8 with 3 schedulers).
        assertArrayEquals(
                new int[] {2, 8, 2, 12},
                SpmdSuite.syncStart(Topology.custom(23, 3)).blockNums());
        assertArrayEquals(
                new int[] {1, 8, 9, 22, 1},
                SpmdSuite.syncStartEdge(Topology.custom(23, 3)).blockNums());
    }

    @Test
    void ourExamplesAreSizedFromTheMachine() {
        SpmdPlan wide = SpmdSuite.wide(A2A3);
        assertTrue(wide.independent());
        assertArrayEquals(new int[] {96, 192}, wide.blockNums());
        assertArrayEquals(new int[] {144, 288}, SpmdSuite.wide(Topology.a5()).blockNums());

        SpmdPlan mixed = SpmdSuite.mixedIndependent(A2A3);
        assertTrue(mixed.independent());
        assertArrayEquals(new int[] {12, 24, 48, 8, 13, 25, 49, 8, 14, 26, 50, 8}, mixed.blockNums());
        assertEquals(3, mixed.tasks().stream().filter(SpmdTask::syncStart).count());
        assertFalse(SpmdSuite.multiblockMix(A2A3).independent());
    }
}
