package dev.tessera.examples.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.Examples;
import dev.tessera.examples.Verdict;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.profiling.ChromeTraceWriter;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.scheduler.SyncStartMode;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example suite on the sim platform: many seeds (tie-breaks and cost jitter), random
 * topologies, every policy and sync-start mode, every invariant; same seed, same trace, byte for
 * byte; and a deliberately racy policy must be caught, proving these checks have teeth.
 */
class SimSuiteTest {
    static final int SEEDS = "true".equals(System.getenv("CI")) ? 32 : 64;

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, SEEDS).boxed();
    }

    static Topology randomTopology(SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> Topology.a2a3();
            case 1 -> Topology.a5(1 + rnd.nextInt(6));
            default -> {
                int clusters = 1 + rnd.nextInt(48);
                yield Topology.custom(clusters, 1 + rnd.nextInt(Math.min(clusters, 8)));
            }
        };
    }

    static Runtime runtime(Topology t, DispatchPolicy p, SyncStartMode m, long seed, InvariantChecker checker) {
        return Runtime.builder()
                .topology(t)
                .policy(p)
                .syncStartMode(m)
                .seed(seed)
                .observer(checker)
                .platform(new SimPlatform(CostModel.a2a3(), true, true))
                .build();
    }

    /** Runs every example; returns the failures (golden mismatches and invariant violations). */
    static List<String> runSuite(Topology topology, DispatchPolicy policy, SyncStartMode mode, long seed) {
        List<String> failures = new ArrayList<>();
        for (Example example : Examples.all()) {
            InvariantChecker checker = new InvariantChecker();
            try (Runtime rt = runtime(topology, policy, mode, seed, checker);
                    ExampleInstance instance = example.instantiate(topology)) {
                rt.run(instance.orchestration());
                Verdict v = instance.verify();
                if (!v.passed()) failures.add(example.name() + ": " + v.describe());
                List<String> violations = checker.violations(topology);
                if (!violations.isEmpty()) failures.add(example.name() + ": " + violations.get(0));
            } catch (RuntimeException e) {
                failures.add(example.name() + ": " + e);
            }
        }
        return failures;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyExampleKeepsItsInvariantsUnderEverySeed(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Topology topology = randomTopology(rnd);
        DispatchPolicy policy = rnd.nextBoolean() ? DispatchPolicy.PARALLEL : DispatchPolicy.SERIAL;
        SyncStartMode mode = rnd.nextBoolean() ? SyncStartMode.RESERVE : SyncStartMode.FREEZE_ALL;
        List<String> failures = runSuite(topology, policy, mode, seed);
        assertTrue(
                failures.isEmpty(),
                () -> "seed " + seed + " on " + topology + ", " + policy.name() + ", " + mode + ": " + failures);
    }

    @Test
    void sameSeedSameTraceByteForByte() throws IOException {
        for (String name : List.of("spmd-multiblock-mix", "spmd-sync-start-stress", "spmd-mixed-independent")) {
            Example example = Examples.byName(name).orElseThrow();
            byte[] first = traceBytes(example, 42);
            byte[] again = traceBytes(example, 42);
            assertArrayEquals(first, again, name + ": two runs with seed 42 differ");
            assertTrue(
                    !java.util.Arrays.equals(first, traceBytes(example, 43)),
                    name + ": seeds 42 and 43 gave the same trace");
        }
    }

    private static byte[] traceBytes(Example example, long seed) throws IOException {
        Topology t = Topology.a2a3();
        try (Runtime rt = Runtime.builder()
                        .topology(t)
                        .seed(seed)
                        .trace(true)
                        .platform(new SimPlatform(CostModel.a2a3(), true, true))
                        .build();
                ExampleInstance instance = example.instantiate(t)) {
            RunResult r = rt.run(instance.orchestration());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChromeTraceWriter.write(r.trace(), out);
            return out.toByteArray();
        }
    }

    @Test
    void aRacyPolicyIsCaught() {
        int caught = 0;
        for (long seed = 1; seed <= 6; seed++) {
            List<String> failures = runSuite(Topology.a2a3(), new RacyPolicy(), SyncStartMode.RESERVE, seed);
            if (!failures.isEmpty()) caught++;
        }
        assertTrue(caught > 0, "the racy policy passed every seed: the suite cannot see the race #827 avoids");
    }
}
