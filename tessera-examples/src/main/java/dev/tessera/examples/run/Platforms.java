package dev.tessera.examples.run;

import dev.tessera.platform.IdleStrategy;
import dev.tessera.platform.Platform;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.platform.threaded.CoreExecutor;
import dev.tessera.platform.threaded.ThreadedPlatform;
import dev.tessera.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place that turns a platform name (and the sim's options) into a {@link Platform}; the CLI
 * and the sweep both build their platforms here, so a name means the same thing in both.
 */
public final class Platforms {
    private Platforms() {}

    /**
     * What the sim platform is built from; ignored by {@code threaded}.
     *
     * @param timeLimitNs the simulated-time limit, or 0 for the platform's default
     */
    public record SimOptions(Path costModelFile, Map<String, String> costOverrides, boolean compute, long timeLimitNs) {
        public static final SimOptions DEFAULT = new SimOptions(null, Map.of(), true, 0);

        public SimOptions(Path costModelFile, Map<String, String> costOverrides, boolean compute) {
            this(costModelFile, costOverrides, compute, 0);
        }

        public boolean isDefault() {
            return costModelFile == null && costOverrides.isEmpty() && compute && timeLimitNs == 0;
        }
    }

    /** Platform names, in the order help texts list them. */
    public static List<String> names() {
        return List.of("threaded", "sim");
    }

    /** The platform name as Tessera spells it; throws with the valid names when there is none. */
    public static String canonicalName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (!names().contains(n)) {
            throw new IllegalArgumentException("unknown platform '" + name + "': use " + String.join(", ", names()));
        }
        return n;
    }

    /** A fresh platform with default options. */
    public static Platform byName(String name) {
        return create(name, Topology.a2a3(), 0, SimOptions.DEFAULT, null);
    }

    /**
     * A fresh platform. For {@code sim}: the cost preset of the topology (a5 for a5, a2a3
     * otherwise) unless a cost-model file is given, then the overrides; a non-zero seed adds cost
     * jitter on top of the seeded tie-breaks. For {@code threaded}: {@code cores} (null: auto); a
     * dedicated run that would need more threads than this machine allows is refused here.
     */
    public static Platform create(String name, Topology topology, long seed, SimOptions sim, CoreExecutor cores) {
        return switch (canonicalName(name)) {
            case "threaded" -> {
                if (!sim.isDefault()) {
                    throw new IllegalArgumentException(
                            "--cost-model, --cost, --no-compute and --sim-time-limit apply to --platform sim only");
                }
                CoreExecutor executor = cores != null ? cores : CoreExecutor.auto();
                int cpus = java.lang.Runtime.getRuntime().availableProcessors();
                long threads = CoreExecutor.dedicatedThreads(topology);
                if (executor.resolve(topology, cpus).kind() == CoreExecutor.Kind.DEDICATED
                        && threads > CoreExecutor.maxDedicatedThreads(cpus)) {
                    throw new IllegalArgumentException("--cores dedicated on " + topology + " needs " + threads
                            + " threads, more than the " + CoreExecutor.maxDedicatedThreads(cpus) + " this " + cpus
                            + "-CPU machine allows: use --cores pooled");
                }
                yield new ThreadedPlatform(IdleStrategy.DEFAULT, executor);
            }
            case "sim" -> {
                if (cores != null) throw new IllegalArgumentException("--cores applies to --platform threaded only");
                SimPlatform p = new SimPlatform(costModel(topology, sim), sim.compute(), seed != 0);
                yield sim.timeLimitNs() > 0 ? p.withTimeLimitNs(sim.timeLimitNs()) : p;
            }
            default -> throw new IllegalStateException(name);
        };
    }

    private static CostModel costModel(Topology topology, SimOptions sim) {
        CostModel base;
        try {
            base = sim.costModelFile() != null ? CostModel.load(sim.costModelFile()) : CostModel.presetFor(topology);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read cost model " + sim.costModelFile() + ": " + IoErrors.reason(e, sim.costModelFile()),
                    e);
        }
        return base.withOverrides(sim.costOverrides());
    }
}
