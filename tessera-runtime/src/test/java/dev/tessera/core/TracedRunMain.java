package dev.tessera.core;

import dev.tessera.api.Kernel;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.Scope;
import dev.tessera.api.TaskSpec;
import dev.tessera.errors.TesseraException;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.topology.Topology;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A traced sim run of N one-block tasks (in scopes of 8000), for {@link TraceMemoryTest} to start
 * in a JVM with a small heap. Prints {@code PASS tasks kernels}, or {@code ERROR code kernels message}.
 */
public final class TracedRunMain {
    private TracedRunMain() {}

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        AtomicLong kernels = new AtomicLong();
        Kernel k = Kernel.of("k", ctx -> kernels.incrementAndGet());
        SimPlatform sim = new SimPlatform(CostModel.a2a3().withOverride("kernel.default", 100))
                .withTimeLimitNs(1_000_000_000_000L);
        try (Runtime rt = Runtime.builder()
                .topology(Topology.a2a3())
                .platform(sim)
                .trace(true)
                .build()) {
            RunResult r = rt.run(o -> {
                for (int i = 0; i < n; i += 8000) {
                    try (Scope s = o.scope()) {
                        for (int j = 0; j < 8000 && i + j < n; j++) o.submit(TaskSpec.aiv(k));
                    }
                }
            });
            System.out.println("PASS " + r.trace().tasks().size() + " " + kernels.get());
        } catch (TesseraException e) {
            System.out.println("ERROR " + e.code() + " " + kernels.get() + " " + e.getMessage());
            System.exit(3);
        }
    }
}
