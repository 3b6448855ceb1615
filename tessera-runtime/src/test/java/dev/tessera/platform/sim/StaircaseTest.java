package dev.tessera.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.platform.Cost;
import dev.tessera.topology.CoreType;
import dev.tessera.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The a2a3 preset against issue #818 and PR #827: one AIC task of 24 blocks on 3 schedulers × 8
 * AIC cores. Dispatched SERIAL, the start times form a staircase of one payload build + register
 * write per block across all blocks; PARALLEL, each scheduler only staircases its own 8 blocks and
 * the three ranges overlap. The bounds come from the model's own numbers.
 */
class StaircaseTest {
    private static final Topology A2A3 = Topology.a2a3();

    record Spread(long spreadNs, Map<Integer, Integer> blocksPerScheduler) {
    }

    static Spread run(CostModel model, int blocks, ToyRun.Policy policy) {
        Kernel k = Kernel.of("qk", ctx -> { });
        List<ToyRun.Task> tasks = List.of(new ToyRun.Task(0, k, blocks, CoreType.AIC));
        ToyRun run = new ToyRun(new SimPlatform(model), A2A3, 1, tasks, policy, 1).run();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Map<Integer, Integer> perScheduler = new TreeMap<>();
        for (Map.Entry<Long, Long> e : run.host.started.entrySet()) {
            int core = (int) (e.getKey() >>> 32);
            first = Math.min(first, e.getValue());
            last = Math.max(last, e.getValue());
            perScheduler.merge(A2A3.schedulerOf(A2A3.clusterOf(core)), 1, Integer::sum);
        }
        return new Spread(last - first, perScheduler);
    }

    @Test
    void serialDispatchStaircasesEveryBlockAndParallelOnlyEachSchedulersShare() {
        CostModel m = CostModel.a2a3();
        long perBlock = m.cost(Cost.PAYLOAD_BUILD) + m.cost(Cost.REGISTER_WRITE);
        // Handing the re-queued task to the next scheduler: a push, a pop, a claim, one loop turn.
        long handover = m.cost(Cost.READY_PUSH) + m.cost(Cost.READY_POP) + m.cost(Cost.BLOCK_CLAIM) + m.cost(Cost.LOOP) + m.idleCapNs();
        int blocks = 24;
        int perScheduler = blocks / A2A3.schedulers();

        Spread serial = run(m, blocks, ToyRun.Policy.SERIAL);
        Spread parallel = run(m, blocks, ToyRun.Policy.PARALLEL);
        System.out.printf("a2a3 24-block AIC task: SERIAL spread %d ns, PARALLEL spread %d ns (per block %d ns)%n",
                serial.spreadNs(), parallel.spreadNs(), perBlock);
        System.out.printf("a2a3 20-block AIC task (issue #818 shape): SERIAL spread %d ns%n", run(m, 20, ToyRun.Policy.SERIAL).spreadNs());

        assertTrue(serial.spreadNs() >= (blocks - 1) * perBlock, "serial: " + serial);
        assertTrue(serial.spreadNs() <= (blocks - 1) * perBlock + 2 * handover, "serial: " + serial);
        assertTrue(parallel.spreadNs() >= (perScheduler - 1) * perBlock, "parallel: " + parallel);
        assertTrue(parallel.spreadNs() <= (perScheduler - 1) * perBlock + 2 * handover, "parallel: " + parallel);
        assertEquals(Map.of(0, perScheduler, 1, perScheduler, 2, perScheduler), parallel.blocksPerScheduler(), "8/8/8 as in PR #827");
    }
}
