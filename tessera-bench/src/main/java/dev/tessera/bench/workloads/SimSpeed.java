package dev.tessera.bench.workloads;

import com.sun.management.OperatingSystemMXBean;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.bench.workloads.SimProbe.Workload;
import dev.tessera.core.HeapMemory;
import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.Examples;
import dev.tessera.examples.Options;
import dev.tessera.platform.CoreHost;
import dev.tessera.platform.Platform;
import dev.tessera.platform.PlatformSession;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.platform.sim.SimSession;
import dev.tessera.topology.Topology;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * How fast the sim runs a hardware-sized workload: block dispatches per wall-clock second and per
 * CPU second of the whole process, with the engine's counters (baton hand-offs and charges per
 * dispatch), after warm-up runs so that JIT compilation is not measured. Instance setup (buffers)
 * is outside the timed span; the runtime's own heap allocation is inside it.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector --add-opens java.base/java.lang=ALL-UNNAMED
 * --enable-native-access=ALL-UNNAMED -cp tessera-bench/target/tessera-jmh.jar
 * dev.tessera.bench.workloads.SimSpeed [EXAMPLE CASE [OPTION VALUE]...] [--runs N] [--warmup N]};
 * the default is paged-attention Case1 (baseline, 65 792 tasks). Without the last two options the
 * sim falls back to the JDK's shared scheduler and zeroed heaps (the engine before issue 14's
 * speed work); each line says which it ran with.
 */
public final class SimSpeed {
    private SimSpeed() {}

    /** Captures the session of each run, to read the engine's counters after it. */
    private static final class Counting implements Platform {
        final SimPlatform sim;
        SimSession last;

        Counting(SimPlatform sim) {
            this.sim = sim;
        }

        @Override
        public String name() {
            return sim.name();
        }

        @Override
        public PlatformSession open(CoreHost host, long seed) {
            last = sim.open(host, seed);
            return last;
        }
    }

    public static void main(String[] args) {
        int runs = 3;
        int warmup = 1;
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> rest.add(args[i]);
            }
        }
        Workload w = rest.isEmpty()
                ? Workload.of("paged-attention", "Case1")
                : Workload.of(
                        rest.get(0), rest.get(1), rest.subList(2, rest.size()).toArray(String[]::new));
        Topology topology = Topology.a2a3();
        for (int i = 0; i < warmup + runs; i++) {
            measure(w, topology, i < warmup);
        }
    }

    static void measure(Workload w, Topology topology, boolean warmup) {
        Example e = Examples.byName(w.example()).orElseThrow();
        Options options = Options.resolve(e, w.caseName(), w.options()).timingOnly();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Counting platform = new Counting(new SimPlatform(CostModel.a2a3(), false, false));
        try (ExampleInstance instance = e.instantiate(topology, options)) {
            Runtime.Builder b = Runtime.builder().topology(topology).platform(platform);
            if (instance.heapBytes() > 0) b.heapBytes(instance.heapBytes());
            try (Runtime rt = b.build()) {
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                RunResult r = rt.run(instance.orchestration());
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                SimSession s = platform.last;
                System.out.printf(
                        Locale.ROOT,
                        "%s%s: %d tasks, %d dispatches, makespan %.1f us; wall %.2f s (%.0f dispatches/s), "
                                + "CPU %.2f s (%.0f dispatches per CPU-s); %.1f hand-offs and %.1f charges per dispatch; load %.1f; %s, %s%n",
                        warmup ? "[warm-up] " : "",
                        w.label(),
                        r.tasks(),
                        r.blocks(),
                        r.makespanNs() / 1e3,
                        wall,
                        r.blocks() / wall,
                        cpu,
                        r.blocks() / cpu,
                        s.handoffs() / (double) r.blocks(),
                        s.charges() / (double) r.blocks(),
                        os.getSystemLoadAverage(),
                        s.ownCarrier() ? "own carrier" : "shared scheduler",
                        HeapMemory.lazy() ? "lazy heaps" : "zeroed heaps");
            }
        }
    }
}
