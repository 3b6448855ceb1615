package dev.tessera.examples.qk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.Examples;
import dev.tessera.examples.Verdict;
import dev.tessera.platform.Cost;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.profiling.Trace;
import dev.tessera.profiling.TraceStats;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PR #827's claim, on the real runtime: the qk-demo on the simulated a2a3 with the demo's seed
 * ({@code ./tessera demo}). Its first task (24 AIC blocks, every core idle) is the clean case.
 * <ul>
 *   <li>{@code serial} (before #827): one scheduler at a time dispatches the blocks it can onto its
 *       own cores, one payload build and register write after another, and only then lets the
 *       next scheduler take the rest: the 24 starts form one staircase, each step at least one
 *       block's dispatch cost.</li>
 *   <li>{@code parallel} (#827): each scheduler claims its 8 blocks and re-queues the rest before
 *       dispatching, so all three dispatch at once (8/8/8) and the start spread is at most
 *       0.45 × serial's (one scheduler's 8 steps instead of 24, plus the hand-overs).</li>
 * </ul>
 */
class Pr827StaircaseTest {
    private static final Topology A2A3 = Topology.a2a3();
    private static final long SEED = 7;
    private static final CostModel COSTS = CostModel.a2a3();

    private record Ran(Trace trace, TraceStats.TaskStats first) {
        /** The first task's subtasks, by start time. */
        List<Trace.Subtask> starts() {
            return trace.subtasks().stream()
                    .filter(s -> s.taskId() == first.id())
                    .sorted(Comparator.comparingLong(Trace.Subtask::startNs))
                    .toList();
        }
    }

    private static Ran run(DispatchPolicy policy) {
        InvariantChecker checker = new InvariantChecker();
        // the demo's platform: sim with the a2a3 preset and, the seed not being 0, cost jitter
        try (Runtime rt = Runtime.builder()
                        .topology(A2A3)
                        .platform(new SimPlatform(COSTS, true, true))
                        .policy(policy)
                        .seed(SEED)
                        .trace(true)
                        .observer(checker)
                        .build();
                ExampleInstance demo = Examples.byName("qk-demo").orElseThrow().instantiate(A2A3)) {
            RunResult result = rt.run(demo.orchestration());
            Verdict v = demo.verify();
            assertTrue(v.passed(), v.describe());
            checker.assertValid(A2A3);
            TraceStats stats = TraceStats.of(result.trace());
            TraceStats.TaskStats first = stats.spmdTasks().stream()
                    .min(Comparator.comparingLong(TraceStats.TaskStats::readyNs))
                    .orElseThrow();
            assertEquals(24, first.blockNum());
            assertEquals(24, first.blocksRun());
            return new Ran(result.trace(), first);
        }
    }

    @Test
    void serialStartsOneStaircaseSchedulerAfterSchedulerAndParallelSplitsItEightEightEight() {
        long step = (COSTS.cost(Cost.PAYLOAD_BUILD) + COSTS.cost(Cost.REGISTER_WRITE))
                * (100 - COSTS.jitterPercent())
                / 100;

        Ran serial = run(DispatchPolicy.SERIAL);
        List<Trace.Subtask> s = serial.starts();
        for (int i = 1; i < s.size(); i++) {
            long gap = s.get(i).startNs() - s.get(i - 1).startNs();
            assertTrue(
                    gap >= step,
                    "serial: block " + s.get(i).blockIdx() + " started " + gap + " ns after the previous one, less than"
                            + " one dispatch (" + step + " ns): not a staircase");
        }
        for (int i = 1; i < s.size(); i++) {
            // one scheduler's stair at a time: once the next scheduler starts, the previous one is done
            int prev = s.get(i - 1).scheduler();
            int now = s.get(i).scheduler();
            if (now != prev) {
                for (int j = i; j < s.size(); j++) {
                    assertTrue(
                            s.get(j).scheduler() != prev,
                            "serial: scheduler " + prev + " started block "
                                    + s.get(j).blockIdx() + " after scheduler " + now
                                    + " had begun: two schedulers dispatched the task at once");
                }
            }
        }
        assertTrue(
                serial.first().startSpreadNs() >= 23 * step,
                "serial spread " + serial.first().startSpreadNs());

        Ran parallel = run(DispatchPolicy.PARALLEL);
        assertArrayEquals(new int[] {8, 8, 8}, parallel.first().blocksPerScheduler(), "parallel: 8/8/8 as in PR #827");
        long[] firstStart = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        long[] lastStart = new long[3];
        for (Trace.Subtask t : parallel.starts()) {
            firstStart[t.scheduler()] = Math.min(firstStart[t.scheduler()], t.startNs());
            lastStart[t.scheduler()] = Math.max(lastStart[t.scheduler()], t.startNs());
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertTrue(
                        firstStart[a] < lastStart[b],
                        "parallel: scheduler " + a + " began after scheduler " + b + " was done");
            }
        }
        System.out.printf(
                "qk-demo, sim a2a3, seed %d, first task: serial start spread %d ns, parallel %d ns (%.2f x)%n",
                SEED,
                serial.first().startSpreadNs(),
                parallel.first().startSpreadNs(),
                (double) parallel.first().startSpreadNs() / serial.first().startSpreadNs());
        assertTrue(
                parallel.first().startSpreadNs() <= 0.45 * serial.first().startSpreadNs(),
                "parallel spread " + parallel.first().startSpreadNs() + " ns is more than 0.45 x serial's "
                        + serial.first().startSpreadNs() + " ns");
    }

    /**
     * Issue #818's shape, which calibrated {@code payload_build + register_write}: one 20-block AIC
     * task on an idle a2a3, serial, no jitter. Its 20 starts are one staircase of exactly one
     * dispatch per step within a scheduler, plus one hand-over per scheduler change.
     */
    @Test
    void issue818TwentyBlocksStartInOneStaircase() {
        long step = COSTS.cost(Cost.PAYLOAD_BUILD) + COSTS.cost(Cost.REGISTER_WRITE);
        Kernel empty = Kernel.of("qk", ctx -> {});
        try (Runtime rt = Runtime.builder()
                .topology(A2A3)
                .platform(new SimPlatform(COSTS))
                .policy(DispatchPolicy.SERIAL)
                .seed(SEED)
                .trace(true)
                .build()) {
            RunResult r = rt.run(orch -> orch.submit(TaskSpec.aic(empty).blocks(20)));
            TraceStats.TaskStats t = TraceStats.of(r.trace()).spmdTasks().getFirst();
            System.out.printf("20-block AIC task, serial, no jitter: start spread %d ns%n", t.startSpreadNs());
            assertTrue(t.startSpreadNs() >= 19 * step, "spread " + t.startSpreadNs());
        }
    }
}
