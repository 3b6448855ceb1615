package dev.tessera.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.topology.Topology;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Simulated clocks add costs up, so a cost near {@code Long.MAX_VALUE} wrapped them negative: a
 * run "passed" with a shorter makespan, or reported 0 µs. Every cost is now bounded, and a run
 * whose block would end past the simulated-time limit says so when the block is posted.
 */
@Timeout(60)
class CostLimitsTest {
    private static final Topology TOPO = Topology.custom(2, 1);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "core.pickup",
                "core.fin_visibility",
                "core.ack_visibility",
                "counter.tick",
                "cost.ready_pop",
                "idle.cap",
                "kernel.default",
                "kernel.name.qk_matmul"
            })
    void aCostThatCouldOverflowSimulatedTimeIsRefusedWithTheKeyAndTheLargestValue(String key) {
        for (String value : new String[] {"9223372036854775807", "99999999999999999999999", "1000000000001"}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> CostModel.a2a3().withOverride(key, value));
            String m = e.getMessage();
            assertTrue(m.contains(key) && m.contains("at most 1000000000000 ns") && m.contains(value), m);
        }
        java.util.Map<String, String> largest = new java.util.HashMap<>();
        largest.put("idle.cap", "1000000000000"); // at least idle.base, whatever the key
        largest.put(key, "1000000000000");
        assertEquals(
                "1000000000000",
                CostModel.a2a3().withOverrides(largest).settings().get(key));
    }

    @Test
    void kernelDurationTablesAndFunctionsAreBoundedToo() {
        assertThrows(
                IllegalArgumentException.class,
                () -> CostModel.a2a3().withOverride("kernel.default", "5,9223372036854775807"));
        assertThrows(IllegalArgumentException.class, () -> KernelDuration.fixed(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> KernelDuration.perBlock(1, Long.MAX_VALUE));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SimPlatform(CostModel.a2a3()).withTimeLimitNs(Long.MAX_VALUE));
    }

    /** Before the bound, pickup = Long.MAX_VALUE wrapped every start time negative and the run passed. */
    @Test
    void theLargestPickupCannotWrapARunIntoPassing() {
        AtomicInteger ran = new AtomicInteger();
        CostModel model = CostModel.a2a3().withOverride("core.pickup", CostModel.MAX_NS);
        try (Runtime rt = Runtime.builder()
                .topology(TOPO)
                .platform(new SimPlatform(model))
                .build()) {
            SimTimeLimitExceededException e = assertThrows(
                    SimTimeLimitExceededException.class,
                    () -> rt.run(orch -> orch.submit(TaskSpec.aiv(Kernel.of("k", ctx -> ran.incrementAndGet())))));
            assertTrue(e.neededNs() > CostModel.MAX_NS, e.getMessage());
        }
        assertEquals(0, ran.get(), "stopped when the block was posted, before its kernel ran");
    }

    /**
     * A block longer than the limit used to be found out only when the idling schedulers' clocks
     * reached the limit (a minute of wall time for 10 simulated seconds). Now the post says at
     * once how far the limit must go, and how to raise it.
     */
    @Test
    void aBlockEndingPastTheLimitFailsWhenPostedAndSaysHowToRaiseTheLimit() {
        CostModel model = CostModel.a2a3().withOverride("kernel.default", 2_000_000);
        Kernel k = Kernel.of("slow", ctx -> {});
        SimPlatform sim = new SimPlatform(model).withTimeLimitNs(1_000_000);
        try (Runtime rt = Runtime.builder().topology(TOPO).platform(sim).build()) {
            SimTimeLimitExceededException e = assertThrows(
                    SimTimeLimitExceededException.class,
                    () -> rt.run(orch -> orch.submit(TaskSpec.aiv(k).named("slow"))));
            String m = e.getMessage();
            assertTrue(
                    m.contains("kernel 'slow'")
                            && m.contains("1000000 ns")
                            && m.contains("--sim-time-limit")
                            && m.contains("SimPlatform.withTimeLimitNs"),
                    m);
            assertTrue(e.neededNs() > 2_000_000 && e.limitNs() == 1_000_000, m);
        }
        try (Runtime rt = Runtime.builder()
                .topology(TOPO)
                .platform(sim.withTimeLimitNs(5_000_000))
                .build()) {
            RunResult r = rt.run(orch -> orch.submit(TaskSpec.aiv(k)));
            assertTrue(r.makespanNs() >= 2_000_000, "makespan " + r.makespanNs());
        }
    }

    @Test
    void theBuilderSetsTheSimTimeLimit() {
        CostModel model = CostModel.a2a3().withOverride("kernel.default", 2_000_000);
        Kernel k = Kernel.of("slow", ctx -> {});
        try (Runtime rt = Runtime.builder()
                .topology(TOPO)
                .sim(model)
                .simTimeLimit(java.time.Duration.ofMillis(1))
                .build()) {
            SimTimeLimitExceededException e = assertThrows(
                    SimTimeLimitExceededException.class, () -> rt.run(orch -> orch.submit(TaskSpec.aiv(k))));
            assertEquals(1_000_000, e.limitNs());
            assertTrue(e.getMessage().contains("Runtime.builder().simTimeLimit"), e.getMessage());
        }
        assertThrows(
                IllegalStateException.class,
                () -> Runtime.builder()
                        .simTimeLimit(java.time.Duration.ofSeconds(1))
                        .build());
    }
}
