package dev.tessera.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Runtime;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.scheduler.SyncStartMode;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole example suite, again and again, on the threaded platform: per seed a random topology
 * (presets and odd custom shapes), a random dispatch policy and sync-start mode, and core timing
 * perturbed by the seed. Every run must match its golden and keep every dispatch invariant.
 */
class StressTest {
    /** Fewer seeds on CI's two CPUs; enough locally to shake out rare interleavings. */
    static final int SEEDS = "true".equals(System.getenv("CI")) ? 8 : 16;

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

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyExampleKeepsItsInvariants(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Topology topology = randomTopology(rnd);
        DispatchPolicy policy = rnd.nextBoolean() ? DispatchPolicy.PARALLEL : DispatchPolicy.SERIAL;
        SyncStartMode mode = rnd.nextBoolean() ? SyncStartMode.RESERVE : SyncStartMode.FREEZE_ALL;
        List<String> failures = new ArrayList<>();
        for (Example example : Examples.all()) {
            if (!example.quick()) continue; // covered by its own tests
            InvariantChecker checker = new InvariantChecker();
            try (Runtime rt = Runtime.builder().topology(topology).policy(policy).syncStartMode(mode).seed(seed)
                    .observer(checker).build();
                 ExampleInstance instance = example.instantiate(topology)) {
                rt.run(instance.orchestration());
                Verdict v = instance.verify();
                if (!v.passed()) failures.add(example.name() + ": " + v.describe());
                List<String> violations = checker.violations(topology);
                if (!violations.isEmpty()) failures.add(example.name() + ": " + violations.get(0));
            }
        }
        assertTrue(failures.isEmpty(), () -> "seed " + seed + " on " + topology + ", " + policy.name() + ", " + mode + ": " + failures);
    }
}
