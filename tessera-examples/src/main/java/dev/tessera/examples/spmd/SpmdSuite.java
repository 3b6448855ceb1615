package dev.tessera.examples.spmd;

import static dev.tessera.examples.spmd.MachineSizes.half;
import static dev.tessera.examples.spmd.MachineSizes.oneAndAHalf;
import static dev.tessera.examples.spmd.MachineSizes.quarter;
import static dev.tessera.examples.spmd.MachineSizes.threeQuarters;
import static dev.tessera.examples.spmd.SpmdKind.AIC_STAMP;
import static dev.tessera.examples.spmd.SpmdKind.AIV;
import static dev.tessera.examples.spmd.SpmdKind.AIV_STAMP;
import static dev.tessera.examples.spmd.SpmdKind.MIX;
import static dev.tessera.examples.spmd.SpmdKind.MIX_READ;

import dev.tessera.topology.Topology;
import java.util.List;

/**
 * The SPMD system tests of the reference (spec §6.2) as examples, plus two of ours.
 *
 * <p><b>How block counts follow the topology.</b> Each reference list is written below as
 * multiples of one scheduler's share (P clusters, 2P AIV cores) and of the machine (C clusters,
 * 2C AIV cores), planned with {@link MachineSizes#forReferenceLists}: on a machine with at least
 * 24 clusters that is a2a3's P = 8, C = 24, which gives the reference numbers exactly (a test
 * checks this); on a smaller machine it is the machine's own sizes, so the same boundary cases
 * (below one scheduler, exactly one scheduler, more than one, the whole machine, two rounds) fall
 * where that machine has them and every syncStart task fits (≤ C clusters for MIX, ≤ 2C AIV
 * cores for AIV). {@code spmd-sync-start-edge} always uses the machine's own sizes, and the two
 * examples of ours are sized from the machine.
 */
public final class SpmdSuite {
    private SpmdSuite() {}

    /** Every example of the suite, in the order {@code tessera list} shows them. */
    public static List<SpmdExample> all() {
        return List.of(
                new SpmdExample(
                        "spmd-basic",
                        "one MIX block: AIC and both AIV lanes write block_idx, block_num and sub_block_id (context plumbing)",
                        SpmdSuite::basic),
                new SpmdExample(
                        "spmd-multiblock-aiv",
                        "5 chained AIV tasks from under one scheduler's cores to two rounds of the machine (reference 4,16,24,48,96)",
                        SpmdSuite::multiblockAiv),
                new SpmdExample(
                        "spmd-multiblock-mix",
                        "5 chained MIX tasks from under one scheduler's clusters to two rounds (reference 2,8,12,24,48)",
                        SpmdSuite::multiblockMix),
                new SpmdExample(
                        "spmd-batch-dispatch-oob",
                        "2 MIX tasks of twice the clusters: the remainder must be re-queued (issue #565 regression)",
                        SpmdSuite::batchDispatchOob),
                new SpmdExample(
                        "spmd-sync-start",
                        "syncStart MIX: fast path within one scheduler and a drain across schedulers (reference 2,8,2,12)",
                        SpmdSuite::syncStart),
                new SpmdExample(
                        "spmd-sync-start-aiv",
                        "syncStart AIV: fast path, exactly one scheduler's AIV cores, cross-scheduler drain (reference 4,16,4,24)",
                        SpmdSuite::syncStartAiv),
                new SpmdExample(
                        "spmd-sync-start-edge",
                        "syncStart MIX boundaries: 1 block, exactly one scheduler's clusters, one more, all clusters but one",
                        SpmdSuite::syncStartEdge),
                new SpmdExample(
                        "spmd-sync-start-stress",
                        "6 rounds of 9 tasks mixing normal and syncStart MIX and AIV tasks: repeated drain entry and exit",
                        SpmdSuite::syncStartStress),
                new SpmdExample(
                        "spmd-starvation",
                        "2 syncStart MIX tasks among 18 normal ones: neither may starve",
                        SpmdSuite::starvation),
                new SpmdExample(
                        "spmd-mixed-independent",
                        "independent MIX, AIC, AIV and syncStart tasks on their own lines, many in flight at once",
                        SpmdSuite::mixedIndependent),
                new SpmdExample(
                        "spmd-wide",
                        "a MIX and an AIV task each 4x wider than the machine's cores of their shape, side by side",
                        SpmdSuite::wide),
                new SpmdExample(
                        "spmd-sync-start-load",
                        "syncStart AIV cohorts of half the AIV cores among independent AIC and AIV load (drain policy study)",
                        SpmdSuite::syncStartLoad));
    }

    /** {@code spmd_basic}: one MIX block of the context-reading kernels; 3 lines = 48 floats. */
    static SpmdPlan basic(Topology t) {
        return SpmdPlan.chainedTasks().normal(MIX_READ, 1).build();
    }

    /** {@code spmd_multiblock_aiv}: 2P/4, 2P, 1.5·2P, 2C, 2·2C → a2a3: 4, 16, 24, 48, 96. */
    static SpmdPlan multiblockAiv(Topology t) {
        MachineSizes m = MachineSizes.forReferenceLists(t);
        int p = m.aivPerScheduler();
        return SpmdPlan.chainedTasks()
                .normal(AIV, quarter(p))
                .normal(AIV, p)
                .normal(AIV, oneAndAHalf(p))
                .normal(AIV, m.aivCores())
                .normal(AIV, 2 * m.aivCores())
                .build();
    }

    /** {@code spmd_multiblock_mix}: P/4, P, 1.5P, C, 2C → a2a3: 2, 8, 12, 24, 48. */
    static SpmdPlan multiblockMix(Topology t) {
        MachineSizes m = MachineSizes.forReferenceLists(t);
        int p = m.clustersPerScheduler();
        return SpmdPlan.chainedTasks()
                .normal(MIX, quarter(p))
                .normal(MIX, p)
                .normal(MIX, oneAndAHalf(p))
                .normal(MIX, m.clusters())
                .normal(MIX, 2 * m.clusters())
                .build();
    }

    /** {@code spmd_batch_dispatch_oob}: two MIX tasks of 2C → a2a3: 48, 48. */
    static SpmdPlan batchDispatchOob(Topology t) {
        MachineSizes m = MachineSizes.forReferenceLists(t);
        return SpmdPlan.chainedTasks()
                .normal(MIX, 2 * m.clusters())
                .normal(MIX, 2 * m.clusters())
                .build();
    }

    /**
     * {@code spmd_sync_start}: sync small, sync P (fast path, exactly one scheduler), normal small,
     * sync 1.5P (drain); small = P/4 but at least 2 so that syncStart means something →
     * a2a3: 2s, 8s, 2, 12s.
     */
    static SpmdPlan syncStart(Topology t) {
        MachineSizes m = MachineSizes.forReferenceLists(t);
        int p = m.clustersPerScheduler();
        int small = m.fitSync(MIX, Math.max(2, quarter(p)));
        return SpmdPlan.chainedTasks()
                .sync(MIX, small)
                .sync(MIX, m.fitSync(MIX, p))
                .normal(MIX, small)
                .sync(MIX, m.fitSync(MIX, oneAndAHalf(p)))
                .build();
    }

    /** {@code spmd_sync_start_aiv}: the same with AIV cores (2P per scheduler) → a2a3: 4s, 16s, 4, 24s. */
    static SpmdPlan syncStartAiv(Topology t) {
        MachineSizes m = MachineSizes.forReferenceLists(t);
        int p = m.aivPerScheduler();
        int small = m.fitSync(AIV, Math.max(2, quarter(p)));
        return SpmdPlan.chainedTasks()
                .sync(AIV, small)
                .sync(AIV, m.fitSync(AIV, p))
                .normal(AIV, small)
                .sync(AIV, m.fitSync(AIV, oneAndAHalf(p)))
                .build();
    }

    /**
     * {@code spmd_sync_start_edge}, always from the machine's own sizes: sync 1 (the flag is
     * ignored for one block), sync P, sync P+1 (one over: drain), sync C−1, then a normal 1-block
     * task → a2a3: 1s, 8s, 9s, 23s, 1; a5: 1s, 12s, 13s, 35s, 1. Each is clamped into [1, C], so
     * with a single scheduler (P = C) "one over" becomes C.
     */
    static SpmdPlan syncStartEdge(Topology t) {
        MachineSizes m = MachineSizes.of(t);
        int p = m.clustersPerScheduler();
        return SpmdPlan.chainedTasks()
                .sync(MIX, 1)
                .sync(MIX, m.fitSync(MIX, p))
                .sync(MIX, m.fitSync(MIX, p + 1))
                .sync(MIX, m.fitSync(MIX, m.clusters() - 1))
                .normal(MIX, 1)
                .build();
    }

    /**
     * {@code spmd_sync_start_stress}: 6 rounds of 4 normal MIX (P/2), 2 sync MIX (1.5P), 2 sync AIV
     * (2P/2) and 1 normal AIV (2P/4) → a2a3: 4, 12s, 8s, 4; 140 lines a round. The spec gives the
     * counts per round but not their order; ours puts a MIX drain right before an AIV syncStart
     * task, twice a round, between normal tasks.
     */
    static SpmdPlan syncStartStress(Topology t) {
        MachineSizes m = MachineSizes.forReferenceLists(t);
        int p = m.clustersPerScheduler();
        int normalMix = half(p);
        int syncMix = m.fitSync(MIX, oneAndAHalf(p));
        int syncAiv = m.fitSync(AIV, Math.max(2, half(m.aivPerScheduler())));
        int normalAiv = quarter(m.aivPerScheduler());
        SpmdPlan.Builder b = SpmdPlan.chainedTasks();
        for (int round = 0; round < 6; round++) {
            for (int pair = 0; pair < 2; pair++) {
                b.normal(MIX, normalMix)
                        .normal(MIX, normalMix)
                        .sync(MIX, syncMix)
                        .sync(AIV, syncAiv);
            }
            b.normal(AIV, normalAiv);
        }
        return b.build();
    }

    /**
     * {@code spmd_starvation}: 6 normal MIX (P/2), 1 sync MIX (3P/4), 6 normal, 1 sync, 6 normal
     * → a2a3: 4 ×6, 6s, 4 ×6, 6s, 4 ×6; 252 lines.
     */
    static SpmdPlan starvation(Topology t) {
        MachineSizes m = MachineSizes.forReferenceLists(t);
        int p = m.clustersPerScheduler();
        int normal = half(p);
        int sync = m.fitSync(MIX, Math.max(2, threeQuarters(p)));
        SpmdPlan.Builder b = SpmdPlan.chainedTasks();
        for (int group = 0; group < 3; group++) {
            if (group > 0) b.sync(MIX, sync);
            for (int i = 0; i < 6; i++) b.normal(MIX, normal);
        }
        return b.build();
    }

    /**
     * Ours. The reference chains every task through one INOUT tensor, so its tests never have two
     * tasks in flight. Here each task writes only its own lines, so tasks of all three shapes are
     * ready together and compete for cores: per round (3 rounds) a MIX task on half the clusters,
     * an AIC task on all AICs, an AIV task on all AIV cores (each one block wider per round, so
     * widths do not line up with the machine) and a syncStart MIX task of one scheduler's clusters,
     * which has to launch while the others hold cores. MIX tasks use the context-reading kernels
     * (lane identity), AIC and AIV tasks stamp the core type they ran on.
     */
    static SpmdPlan mixedIndependent(Topology t) {
        MachineSizes m = MachineSizes.of(t);
        SpmdPlan.Builder b = SpmdPlan.independentTasks();
        for (int round = 0; round < 3; round++) {
            b.normal(MIX_READ, half(m.clusters()) + round)
                    .normal(AIC_STAMP, m.clusters() + round)
                    .normal(AIV_STAMP, m.aivCores() + round)
                    .sync(MIX_READ, m.fitSync(MIX_READ, Math.max(2, m.clustersPerScheduler())));
        }
        return b.build();
    }

    /**
     * Ours: blockNum far beyond the machine. A MIX task of 4C blocks and an AIV task of 4·2C blocks,
     * independent of each other, so each block index must be handed out exactly once across many
     * re-queues by every scheduler while the other task takes cores too.
     */
    static SpmdPlan wide(Topology t) {
        MachineSizes m = MachineSizes.of(t);
        return SpmdPlan.independentTasks()
                .normal(MIX, 4 * m.clusters())
                .normal(AIV, 4 * m.aivCores())
                .build();
    }

    /**
     * Ours, for comparing sync-start drain policies: independent load that keeps AIC and AIV cores
     * busy (stamp kernels) while syncStart AIV cohorts of half the AIV cores wait to launch. A
     * drain that freezes every scheduler idles the AIC cores and the AIV cores the cohort does not
     * need; one that reserves only what the cohort needs keeps them working.
     */
    static SpmdPlan syncStartLoad(Topology t) {
        MachineSizes m = MachineSizes.of(t);
        int half = Math.max(2, m.clusters());
        SpmdPlan.Builder b = SpmdPlan.independentTasks();
        for (int round = 0; round < 4; round++) {
            b.normal(AIC_STAMP, 2 * m.clusters())
                    .normal(AIV_STAMP, m.clusters())
                    .sync(AIV, m.fitSync(AIV, half))
                    .normal(AIV_STAMP, m.clusters())
                    .sync(AIV, m.fitSync(AIV, half));
        }
        return b.build();
    }
}
