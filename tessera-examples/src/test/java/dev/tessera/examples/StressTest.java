package dev.tessera.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.tessera.api.Runtime;
import dev.tessera.platform.threaded.CoreExecutor;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.scheduler.SyncStartMode;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole example suite, again and again, on the threaded platform: per seed a random topology
 * (presets and odd custom shapes), a random dispatch policy and sync-start mode, and core timing
 * perturbed by the seed. Every run must match its golden and keep every dispatch invariant. Once on
 * the default core executor (which the build also runs with {@code tessera.cores=dedicated}), and
 * once on pooled cores with 1, 2 and 4 workers.
 */
class StressTest {
    static final boolean CI = "true".equals(System.getenv("CI"));
    /**
     * Fewer seeds on CI's two CPUs; enough locally to shake out rare interleavings. The build's
     * dedicated-cores pass (a thread per core: up to 124 threads on two CPUs) takes fewer still.
     */
    static final int SEEDS =
            "dedicated".equals(System.getProperty(CoreExecutor.PROPERTY)) ? (CI ? 3 : 8) : (CI ? 8 : 16);

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, SEEDS).boxed();
    }

    static Topology randomTopology(SplittableRandom rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> Topology.a2a3();
            case 1 -> Topology.a5(1 + rnd.nextInt(6));
            default -> {
                int clusters = 1 + rnd.nextInt(40);
                yield Topology.custom(clusters, 1 + rnd.nextInt(Math.min(clusters, 7)));
            }
        };
    }

    /** Pooled cores with 1, 2 and 4 workers (fewer, more, and as many as CI's CPUs), a few seeds each. */
    static Stream<Arguments> pooledSeeds() {
        int seeds = CI ? 2 : 4;
        return IntStream.of(1, 2, 4)
                .boxed()
                .flatMap(w -> LongStream.rangeClosed(101, 100 + seeds).mapToObj(s -> Arguments.of(s, w)));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyExampleKeepsItsInvariants(long seed) {
        runAll(seed, CoreExecutor.auto());
    }

    @ParameterizedTest(name = "seed {0}, {1} pool workers")
    @MethodSource("pooledSeeds")
    void everyExampleKeepsItsInvariantsOnPooledCores(long seed, int workers) {
        // the build's dedicated-cores pass reruns this class for the default executor only
        assumeFalse("dedicated".equals(System.getProperty(CoreExecutor.PROPERTY)), "explicitly pooled: run once");
        runAll(seed, CoreExecutor.pooled(workers));
    }

    private static void runAll(long seed, CoreExecutor executor) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Topology topology = randomTopology(rnd);
        DispatchPolicy policy = rnd.nextBoolean() ? DispatchPolicy.PARALLEL : DispatchPolicy.SERIAL;
        SyncStartMode mode = rnd.nextBoolean() ? SyncStartMode.RESERVE : SyncStartMode.FREEZE_ALL;
        List<String> failures = new ArrayList<>();
        for (Example example : Examples.all()) {
            InvariantChecker checker = new InvariantChecker();
            try (Runtime rt = Runtime.builder()
                            .topology(topology)
                            .policy(policy)
                            .syncStartMode(mode)
                            .seed(seed)
                            .coreExecutor(executor)
                            .observer(checker)
                            .build();
                    ExampleInstance instance = example.instantiate(topology)) {
                rt.run(instance.orchestration());
                Verdict v = instance.verify();
                if (!v.passed()) failures.add(example.name() + ": " + v.describe());
                List<String> violations = checker.violations(topology);
                if (!violations.isEmpty()) failures.add(example.name() + ": " + violations.get(0));
            }
        }
        assertTrue(
                failures.isEmpty(),
                () -> "seed " + seed + " on " + topology + ", " + policy.name() + ", " + mode + ", " + executor
                        + " cores: " + failures);
    }
}
