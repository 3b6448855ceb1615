package dev.tessera.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tessera.api.Kernel;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.platform.CoreHost;
import dev.tessera.platform.Platform;
import dev.tessera.platform.PlatformSession;
import dev.tessera.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * How fast the engine runs the real runtime on this machine: baton hand-offs and block dispatches
 * per wall-clock second on the a2a3 topology, independent 24-block AIV tasks of empty kernels. A
 * measurement, not a test: it only runs when asked, {@code -Dtessera.sim.probe=true}, and only
 * checks that the work was all done (docs/sim-cost-model.md has the figures).
 */
class SimThroughputProbe {
    @Test
    void measure() {
        assumeTrue(Boolean.getBoolean("tessera.sim.probe"), "set -Dtessera.sim.probe=true to measure");
        int tasks = Integer.getInteger("tessera.sim.probe.tasks", 4_000);
        int blocks = 24;
        Kernel k = Kernel.of("k", ctx -> {});
        for (String config : new String[] {"warm-up", "compute", "compute+jitter", "no-compute"}) {
            boolean compute = !config.equals("no-compute");
            boolean jitter = config.endsWith("jitter");
            int n = config.equals("warm-up") ? tasks / 4 : tasks;
            SimSession[] session = new SimSession[1];
            SimPlatform sim = new SimPlatform(CostModel.a2a3(), compute, jitter);
            Platform kept = new Platform() {
                @Override
                public String name() {
                    return sim.name();
                }

                @Override
                public PlatformSession open(CoreHost host, long seed) {
                    return session[0] = sim.open(host, seed);
                }
            };
            long t0 = System.nanoTime();
            try (Runtime rt = Runtime.builder()
                    .topology(Topology.a2a3())
                    .platform(kept)
                    .seed(7)
                    .build()) {
                rt.run(orch -> {
                    for (int i = 0; i < n; i++) orch.submit(TaskSpec.aiv(k).blocks(blocks));
                });
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            SimSession s = session[0];
            assertEquals((long) n * blocks, s.dispatches());
            System.out.printf(
                    "%-15s %8d dispatches %9d hand-offs %10d charges in %6.2f s wall: %9.0f dispatches/s, %9.0f hand-offs/s,"
                            + " %5.2f M dispatches/min; simulated %.3f ms%n",
                    config,
                    s.dispatches(),
                    s.handoffs(),
                    s.charges(),
                    wall,
                    s.dispatches() / wall,
                    s.handoffs() / wall,
                    s.dispatches() / wall * 60 / 1e6,
                    s.simulatedNs() / 1e6);
        }
    }
}
