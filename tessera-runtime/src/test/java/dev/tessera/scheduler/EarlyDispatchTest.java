package dev.tessera.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestration;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.Submitted;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.dispatch.Policies;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.profiling.Trace;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Early dispatch (#1079, {@link EarlyDispatch}) on the real runtime: who is staged, that staged and
 * normally dispatched blocks add up to every block exactly once, that a gated block never starts
 * before its producers completed (the {@link InvariantChecker} checks it on every run), and the
 * anti-deadlock rule.
 */
class EarlyDispatchTest {
    private static final Topology A2A3 = Topology.a2a3();
    private static final Kernel EMPTY = Kernel.of("k", ctx -> {});
    private static final Kernel LONG = Kernel.of("long", ctx -> {});
    private static final CostModel COSTS = CostModel.a2a3().withOverride(CostModel.KERNEL_PREFIX + "long", 20_000);

    private static Trace run(String policy, Orchestration orch, long seed) {
        InvariantChecker checker = new InvariantChecker();
        try (Runtime rt = Runtime.builder()
                .topology(A2A3)
                .platform(new SimPlatform(COSTS))
                .policy(DispatchPolicy.of(Policies.parseSpec(policy)))
                .seed(seed)
                .trace(true)
                .observer(checker)
                .build()) {
            RunResult r = rt.run(orch);
            checker.assertValid(A2A3);
            return r.trace();
        }
    }

    private static long gated(Trace t, String name) {
        return t.subtasks().stream()
                .filter(s -> s.name().equals(name) && t.gated(s))
                .count();
    }

    private static long ran(Trace t, String name) {
        return t.subtasks().stream().filter(s -> s.name().equals(name)).count();
    }

    /**
     * The anti-deadlock rule seen in a trace: no block of the task named "consumer" was staged gated
     * before the last block of the one named "producer" was dispatched.
     */
    private static void assertConsumerStagedOnlyAfterProducersLastBlock(Trace t, String run) {
        long producerOut = t.subtasks().stream()
                .filter(s -> s.name().equals("producer"))
                .mapToLong(Trace.Subtask::dispatchNs)
                .max()
                .orElseThrow();
        for (Trace.Subtask s : t.subtasks()) {
            if (s.name().equals("consumer") && t.gated(s)) {
                assertTrue(
                        s.dispatchNs() >= producerOut,
                        run + ": consumer block " + s.blockIdx() + " staged at " + s.dispatchNs()
                                + " ns, before the producer's last block went out (" + producerOut + " ns)");
            }
        }
    }

    /**
     * The anti-deadlock rule: a consumer becomes a candidate only once every producer has published
     * all its blocks. Here the flagged producer needs five waves of the 48 AIV cores, and its
     * 96-block consumer could fill every free slot: staged while the producer still had blocks to
     * place, it would hold cores the producer's later waves need. Every run must end, with every
     * block once, and the consumer staged only after the producer's last block was dispatched.
     */
    @Test
    void aWideProducerPublishesEveryBlockBeforeItsConsumerIsStaged() {
        Orchestration wide = orch -> {
            Submitted p = orch.submit(
                    TaskSpec.aiv(LONG).named("producer").blocks(5 * 48).earlyResolve());
            orch.submit(TaskSpec.aiv(EMPTY).named("consumer").blocks(96).dependsOn(p.taskId()));
            // independent work, so that schedulers have free slots and nothing ready now and then
            for (int i = 0; i < 6; i++) {
                Submitted q = orch.submit(TaskSpec.aic(LONG).named("side").earlyResolve());
                orch.submit(TaskSpec.aic(EMPTY).named("side-consumer").dependsOn(q.taskId()));
            }
        };
        for (String policy : List.of("head", "parallel:early-dispatch=on", "serial:early-dispatch=on")) {
            for (long seed = 1; seed <= 3; seed++) {
                Trace t = run(policy, wide, seed);
                assertEquals(96, ran(t, "consumer"), policy);
                assertConsumerStagedOnlyAfterProducersLastBlock(t, policy + " seed " + seed);
            }
        }
    }

    /**
     * A flagged sync-start producer whose cohort spans all three schedulers: under {@code split}
     * (split-launch) its blocks are prepared by several schedulers and written out by the last one,
     * so they count as published only then; under {@code head} the drain launches them. Either way
     * its consumer is staged only after the cohort's last block went out, and some of it is staged.
     * This is where breaking the rule deadlocks: with candidacy before full publication, consumer
     * blocks are staged gated on the idle cores the cohort is waiting to gather, and the run never
     * ends (the sim's time limit stops it).
     */
    @Test
    void aSyncStartProducersConsumerIsStagedOnlyAfterTheWholeCohortIsOut() {
        Orchestration cohort = orch -> {
            for (int i = 0; i < 30; i++) orch.submit(TaskSpec.aiv(LONG).named("busy"));
            Submitted p = orch.submit(
                    TaskSpec.aiv(LONG).named("producer").syncStart(40).earlyResolve());
            orch.submit(TaskSpec.aiv(EMPTY).named("consumer").blocks(48).dependsOn(p.taskId()));
        };
        for (String policy : List.of("split", "head")) {
            for (long seed = 1; seed <= 4; seed++) {
                Trace t = run(policy, cohort, seed);
                assertEquals(48, ran(t, "consumer"), policy);
                assertTrue(gated(t, "consumer") > 0, policy + " seed " + seed + ": nothing staged");
                assertConsumerStagedOnlyAfterProducersLastBlock(t, policy + " seed " + seed);
            }
        }
    }

    /**
     * A consumer wider than the free slots: some blocks staged, the rest dispatched normally once it
     * is ready, every block exactly once (the checker), and ready once.
     */
    @Test
    void stagedAndNormallyDispatchedBlocksAddUpToEveryBlock() {
        Orchestration wider = orch -> {
            Submitted p =
                    orch.submit(TaskSpec.aiv(LONG).named("producer").blocks(40).earlyResolve());
            orch.submit(TaskSpec.aiv(EMPTY).named("consumer").blocks(200).dependsOn(p.taskId()));
        };
        Trace t = run("head", wider, 1);
        long staged = gated(t, "consumer");
        System.out.printf("200-block consumer: %d blocks staged gated, %d dispatched normally%n", staged, 200 - staged);
        assertEquals(200, ran(t, "consumer"));
        assertTrue(staged > 0 && staged < 200, "staged " + staged);
    }

    /** MIX consumers are staged too, all three lanes of a block on one cluster. */
    @Test
    void mixConsumersAreStagedByCluster() {
        Orchestration mix = orch -> {
            Submitted p =
                    orch.submit(TaskSpec.aic(LONG).named("producer").blocks(4).earlyResolve());
            orch.submit(TaskSpec.mix(EMPTY, EMPTY, EMPTY)
                    .named("consumer")
                    .blocks(6)
                    .dependsOn(p.taskId()));
        };
        Trace t = run("head", mix, 1);
        assertEquals(18, ran(t, "consumer"));
        assertEquals(18, gated(t, "consumer"), "6 blocks x 3 lanes on idle clusters");
    }

    /**
     * A consumer wired after its producer had published every block (the orchestrator was busy in
     * between) still becomes a candidate when scheduler 0 wires it (#1405).
     */
    @Test
    void aLateWiredConsumerIsStillStaged() {
        Orchestration late = orch -> {
            Submitted p =
                    orch.submit(TaskSpec.aiv(LONG).named("producer").blocks(4).earlyResolve());
            // ~40 submits (~32 µs of orchestrator time): the producer is dispatched long before
            for (int i = 0; i < 40; i++) orch.submit(TaskSpec.aic(EMPTY).named("filler"));
            orch.submit(TaskSpec.aiv(EMPTY).named("consumer").blocks(4).dependsOn(p.taskId()));
        };
        Trace t = run("head", late, 1);
        long producerFirstDispatch = t.subtasks().stream()
                .filter(s -> s.name().equals("producer"))
                .mapToLong(Trace.Subtask::dispatchNs)
                .max()
                .orElseThrow();
        long consumerSubmit = t.task(t.subtasks().stream()
                        .filter(s -> s.name().equals("consumer"))
                        .findFirst()
                        .orElseThrow()
                        .taskId())
                .submitNs();
        assertTrue(consumerSubmit > producerFirstDispatch, "the consumer must come after the producer's publish");
        assertEquals(4, gated(t, "consumer"));
    }

    /**
     * Who is not staged: a consumer with an unflagged producer still running, one behind a pending
     * dummy (only directly flagged producers count, #1285), and a sync-start consumer (#1304 left
     * out).
     */
    @Test
    void onlyConsumersOfFlaggedPublishedProducersAreStaged() {
        Orchestration mixed = orch -> {
            Submitted flagged =
                    orch.submit(TaskSpec.aiv(LONG).named("flagged").blocks(2).earlyResolve());
            Submitted plain = orch.submit(TaskSpec.aiv(LONG).named("plain").blocks(2));
            orch.submit(TaskSpec.aiv(EMPTY).named("both").blocks(2).dependsOn(flagged.taskId(), plain.taskId()));
            Submitted dummy = orch.submit(TaskSpec.dummy().dependsOn(flagged.taskId()));
            orch.submit(TaskSpec.aiv(EMPTY).named("behind-dummy").dependsOn(dummy.taskId()));
            orch.submit(TaskSpec.aiv(EMPTY).named("cohort").syncStart(4).dependsOn(flagged.taskId()));
            orch.submit(TaskSpec.aiv(EMPTY).named("direct").blocks(2).dependsOn(flagged.taskId()));
        };
        Trace t = run("head", mixed, 1);
        assertEquals(0, gated(t, "both"));
        assertEquals(0, gated(t, "behind-dummy"));
        assertEquals(0, gated(t, "cohort"));
        assertEquals(2, gated(t, "direct"));
    }

    /**
     * The threaded platform: a gated register does not start its kernel before the doorbell. Each
     * consumer block reads what its producer wrote; the checker also fails any block that started
     * before a producer completed. Whether a scheduler stages the consumer while the producer's
     * blocks run (2 ms of work each) is up to the threads' timing on real cores, so every run is
     * checked and the test needs three runs in which blocks were staged, from at most twenty, rather
     * than betting that each run stages some on a loaded machine.
     */
    @Test
    void onThreadsGatedBlocksWaitForTheirDoorbell() {
        Kernel produce = Kernel.of("produce", ctx -> {
            try {
                Thread.sleep(2); // the producer's work: time in which a scheduler can stage the consumer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.tensor(0).setFloat(ctx.blockIdx(), ctx.blockIdx() + 1);
        });
        Kernel consume = Kernel.of(
                "consume",
                ctx -> ctx.tensor(1).setFloat(ctx.blockIdx(), 2 * ctx.tensor(0).getFloat(ctx.blockIdx())));
        int stagedRuns = 0;
        for (int round = 0; round < 20 && stagedRuns < 3; round++) {
            InvariantChecker checker = new InvariantChecker();
            try (Arena arena = Arena.ofShared();
                    Runtime rt = Runtime.builder()
                            .topology(A2A3)
                            .policy(DispatchPolicy.parse("head"))
                            .observer(checker)
                            .trace(true)
                            .coreTimeout(Duration.ofSeconds(30))
                            .build()) {
                Tensor mid = Tensor.allocate(arena, DType.FP32, 16);
                Tensor out = Tensor.allocate(arena, DType.FP32, 16);
                RunResult r = rt.run(orch -> {
                    orch.submit(TaskSpec.aiv(produce).output(mid).blocks(16).earlyResolve());
                    orch.submit(TaskSpec.aiv(consume).input(mid).output(out).blocks(16));
                });
                checker.assertValid(A2A3);
                for (int b = 0; b < 16; b++) assertEquals(2f * (b + 1), out.getFloat(b), "block " + b);
                if (r.trace().gatedSubtasks() > 0) stagedRuns++;
            }
        }
        assertEquals(3, stagedRuns, "runs in which consumer blocks were staged gated");
    }
}
