package dev.tessera.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tessera.api.Kernel;
import dev.tessera.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * How fast the engine runs on this machine: baton hand-offs and toy dispatches per wall-clock
 * second on the a2a3 topology. A measurement, not a test: it only runs when asked,
 * {@code -Dtessera.sim.probe=true}, and only checks that the work was all done.
 */
class SimThroughputProbe {
    @Test
    void measure() {
        assumeTrue(Boolean.getBoolean("tessera.sim.probe"), "set -Dtessera.sim.probe=true to measure");
        int tasks = Integer.getInteger("tessera.sim.probe.tasks", 4_000);
        int blocks = 24;
        Kernel k = Kernel.of("k", ctx -> { });
        for (String config : new String[] {"warm-up", "compute", "compute+jitter", "no-compute"}) {
            boolean compute = !config.equals("no-compute");
            boolean jitter = config.endsWith("jitter");
            int n = config.equals("warm-up") ? tasks / 4 : tasks;
            SimPlatform p = new SimPlatform(CostModel.a2a3(), compute, jitter);
            long t0 = System.nanoTime();
            ToyRun run = new ToyRun(p, Topology.a2a3(), 7, ToyRun.tasks(n, blocks, k), ToyRun.Policy.PARALLEL, 64).untraced().run();
            double wall = (System.nanoTime() - t0) / 1e9;
            SimSession s = run.session;
            assertEquals((long) n * blocks, s.dispatches());
            System.out.printf("%-15s %8d dispatches %9d hand-offs %10d charges in %6.2f s wall: %9.0f dispatches/s, %9.0f hand-offs/s,"
                            + " %5.2f M dispatches/min; simulated %.3f ms%n",
                    config, s.dispatches(), s.handoffs(), s.charges(), wall, s.dispatches() / wall, s.handoffs() / wall,
                    s.dispatches() / wall * 60 / 1e6, s.simulatedNs() / 1e6);
        }
    }
}
