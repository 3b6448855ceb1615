package dev.tessera.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestration;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.Submitted;
import dev.tessera.api.TaskSpec;
import dev.tessera.platform.Cost;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.profiling.Trace;
import dev.tessera.profiling.TraceStats;
import dev.tessera.profiling.timing.DispatchTimings;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What each post-#827 mechanism changes, on the real runtime on sim (a2a3 preset, no jitter), and
 * that it keeps every invariant while doing it.
 */
class DispatchMechanismsTest {
    private static final Topology A2A3 = Topology.a2a3();
    private static final CostModel COSTS = CostModel.a2a3();
    private static final Kernel EMPTY = Kernel.of("k", ctx -> {});

    private static Trace run(DispatchPolicy policy, Topology topology, Orchestration orch) {
        return run(policy, topology, orch, COSTS);
    }

    private static Trace run(DispatchPolicy policy, Topology topology, Orchestration orch, CostModel costs) {
        InvariantChecker checker = new InvariantChecker();
        try (Runtime rt = Runtime.builder()
                .topology(topology)
                .platform(new SimPlatform(costs))
                .policy(policy)
                .seed(5)
                .trace(true)
                .observer(checker)
                .build()) {
            RunResult r = rt.run(orch);
            checker.assertValid(topology);
            return r.trace();
        }
    }

    @Test
    void burstPublishStartsAThreadsFirstWaveTogether() {
        Orchestration one24 = orch -> orch.submit(TaskSpec.aic(EMPTY).blocks(24));
        long[] parallel =
                DispatchTimings.of(run(DispatchPolicy.PARALLEL, A2A3, one24)).firstWaveStartSpansNs();
        long[] bare = DispatchTimings.of(run(
                        DispatchPolicy.of(
                                dev.tessera.dispatch.Policies.parse("head", java.util.List.of("burst-publish=off"))),
                        A2A3,
                        one24))
                .firstWaveStartSpansNs();
        long[] head = DispatchTimings.of(run(DispatchPolicy.parse("head"), A2A3, one24))
                .firstWaveStartSpansNs();
        System.out.printf(
                "24 AIC blocks, per-thread first-wave start span: parallel %s, head without burst %s, head %s ns%n",
                Arrays.toString(parallel), Arrays.toString(bare), Arrays.toString(head));
        long fenced = COSTS.cost(Cost.PAYLOAD_BUILD) + COSTS.cost(Cost.REGISTER_WRITE);
        long bareWrite =
                COSTS.cost(Cost.PAYLOAD_BUILD) + COSTS.cost(Cost.STORE_BARRIER) + COSTS.cost(Cost.REGISTER_STORE);
        for (int s = 0; s < 3; s++) {
            // 8 blocks per thread: 7 steps of one payload and one write each, or one burst of 8 stores
            assertTrue(parallel[s] >= 7 * fenced, "parallel, scheduler " + s + ": " + parallel[s]);
            assertTrue(
                    bare[s] >= 7 * bareWrite && bare[s] < parallel[s], "bare writes, scheduler " + s + ": " + bare[s]);
            assertTrue(
                    head[s] <= 7 * COSTS.cost(Cost.REGISTER_STORE_BURST) + COSTS.tickNs(),
                    "burst, scheduler " + s + ": " + head[s]);
        }
    }

    @Test
    void sharedReadyLetsEveryThreadTakeTheConsumersOneCompletionReleased() {
        // the producer runs long enough for every consumer to be submitted and wired before it ends
        CostModel costs = COSTS.withOverride(CostModel.KERNEL_PREFIX + "long", 100_000);
        Orchestration fanOut = orch -> {
            Submitted p = orch.submit(TaskSpec.aic(Kernel.of("long", ctx -> {})).named("producer"));
            for (int i = 0; i < 24; i++)
                orch.submit(TaskSpec.aiv(EMPTY).named("consumer").dependsOn(p.taskId()));
        };
        Trace localFirst = run(DispatchPolicy.PARALLEL, A2A3, fanOut, costs);
        Trace shared = run(
                DispatchPolicy.of(
                        dev.tessera.dispatch.Policies.parse("parallel", java.util.List.of("shared-ready=on"))),
                A2A3,
                fanOut,
                costs);
        int[] byLocal = consumersPerScheduler(localFirst);
        int[] byShared = consumersPerScheduler(shared);
        System.out.printf(
                "24 consumers released by one completion: local-first %s per scheduler, started over %d ns;"
                        + " shared %s, over %d ns%n",
                Arrays.toString(byLocal),
                consumerSpread(localFirst),
                Arrays.toString(byShared),
                consumerSpread(shared));
        // #827: the releasing thread keeps them and fills its 16 idle AIV cores before the rest go shared
        assertTrue(Arrays.stream(byLocal).max().orElseThrow() >= 16, Arrays.toString(byLocal));
        assertTrue(Arrays.stream(byShared).max().orElseThrow() < 16, Arrays.toString(byShared));
        assertTrue(consumerSpread(shared) < consumerSpread(localFirst));
    }

    private static int[] consumersPerScheduler(Trace t) {
        int[] n = new int[t.schedulerCount()];
        for (Trace.Subtask x : t.subtasks()) if (x.name().equals("consumer")) n[x.scheduler()]++;
        return n;
    }

    private static long consumerSpread(Trace t) {
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (Trace.Subtask x : t.subtasks()) {
            if (!x.name().equals("consumer")) continue;
            min = Math.min(min, x.startNs());
            max = Math.max(max, x.startNs());
        }
        return max - min;
    }

    /**
     * Tessera's peer-handoff: the popping scheduler claims the peers' shares in the same claim and
     * hands them over, so the three schedulers' first dispatches of a wide task come closer
     * together than when each pops the re-queued task after the previous one; still 8/8/8.
     */
    @Test
    void peerHandoffBringsTheSchedulersFirstDispatchesTogether() {
        Orchestration wide = orch -> {
            for (int i = 0; i < 4; i++)
                orch.submit(TaskSpec.aic(EMPTY).named("wide").blocks(24));
        };
        Trace head = run(DispatchPolicy.parse("head"), A2A3, wide);
        Trace handoff = run(DispatchPolicy.parse("handoff"), A2A3, wide);
        long h = DispatchTimings.median(DispatchTimings.of(head).taskDispatchStaggersNs());
        long o = DispatchTimings.median(DispatchTimings.of(handoff).taskDispatchStaggersNs());
        System.out.printf(
                "4 x 24 AIC blocks, median cross-thread first-dispatch stagger per task: head %d ns, handoff %d ns%n",
                h, o);
        assertTrue(o < h, "handoff " + o + " ns, head " + h + " ns");
        TraceStats.TaskStats first = TraceStats.of(handoff).spmdTasks().getFirst();
        assertEquals(24, first.blocksRun());
        assertEquals("[8, 8, 8]", Arrays.toString(first.blocksPerScheduler()));
    }

    /**
     * #1319's case: with MIX strict priority, AIC/AIV passes wait while MIX work remains, and a
     * sync-start AIV cohort queued with the regular AIV work waited with them; in its own lane it is
     * served first (Tier 0) and its drain begins at once.
     */
    @Test
    void syncStartLanesServeACohortBeforeWaitingMixWork() {
        Orchestration behindMix = orch -> {
            for (int i = 0; i < 20; i++)
                orch.submit(TaskSpec.mix(EMPTY, EMPTY, EMPTY).named("mix").blocks(24));
            orch.submit(TaskSpec.aiv(EMPTY).named("cohort").syncStart(40));
        };
        long off = cohortWait(run(
                DispatchPolicy.of(
                        dev.tessera.dispatch.Policies.parse("parallel", java.util.List.of("mix-priority=on"))),
                A2A3,
                behindMix));
        long on = cohortWait(run(
                DispatchPolicy.of(dev.tessera.dispatch.Policies.parse(
                        "parallel", java.util.List.of("mix-priority=on", "sync-start-lanes=on"))),
                A2A3,
                behindMix));
        System.out.printf(
                "AIV cohort of 40 behind 20 MIX tasks of 24 blocks, MIX priority: ready to start %d ns without lanes, %d ns with%n",
                off, on);
        assertTrue(on < off / 2, "lanes " + on + " ns, no lanes " + off + " ns");
    }

    /**
     * Tessera's split-launch: a 24-block MIX cohort needs every cluster of the three schedulers, so
     * it drains; under head one scheduler then prepares all 72 payloads with the world stopped
     * (~33 µs), with split-launch each prepares its own 24 in parallel (~11 µs), and the last to
     * finish publishes them all: the cohort still starts together, on 8 clusters of each scheduler.
     */
    @Test
    void splitLaunchPreparesACohortOnEverySchedulerAtOnce() {
        Orchestration cohort = orch -> {
            orch.submit(TaskSpec.aic(EMPTY).named("before").blocks(24));
            orch.submit(TaskSpec.mix(EMPTY, EMPTY, EMPTY).named("cohort").syncStart(24));
        };
        Trace head = run(DispatchPolicy.parse("head"), A2A3, cohort);
        Trace split = run(DispatchPolicy.parse("split"), A2A3, cohort);
        long h = launchAfterDrain(head), s = launchAfterDrain(split);
        System.out.printf(
                "24-block MIX cohort after a 24-block AIC task: last 'before' end to cohort start %d ns head, %d ns split%n",
                h, s);
        assertTrue(
                h > 72 * COSTS.cost(Cost.DRAIN_PAYLOAD_BUILD), "head prepares 72 payloads on one thread: " + h + " ns");
        assertTrue(s < h / 2, "split " + s + " ns, head " + h + " ns");
        TraceStats.TaskStats c = TraceStats.of(split).tasks().stream()
                .filter(x -> x.name().equals("cohort"))
                .findFirst()
                .orElseThrow();
        assertEquals("[8, 8, 8]", Arrays.toString(c.blocksPerScheduler()), "each scheduler prepared its own share");
        assertTrue(c.startSpreadNs() < 1_000, "published in one burst: spread " + c.startSpreadNs() + " ns");
        // off by toggle: exactly head's run
        Trace off = run(
                DispatchPolicy.of(dev.tessera.dispatch.Policies.parse("split", java.util.List.of("split-launch=off"))),
                A2A3,
                cohort);
        assertEquals(h, launchAfterDrain(off));
    }

    /**
     * #1328: the thread that launches a drained cohort pays {@code cost.drain_payload_build} per
     * payload instead of {@code cost.payload_build}, and nothing else changes: the 72 payloads of a
     * 24-block MIX cohort make the whole difference between the launches with and without it.
     */
    @Test
    void drainLayoutMakesADrainedCohortsPayloadsCheaperAndChangesNothingElse() {
        Orchestration cohort = orch -> {
            orch.submit(TaskSpec.aic(EMPTY).named("before").blocks(24));
            orch.submit(TaskSpec.mix(EMPTY, EMPTY, EMPTY).named("cohort").syncStart(24));
        };
        long on = launchAfterDrain(run(DispatchPolicy.parse("head"), A2A3, cohort));
        long off = launchAfterDrain(run(
                DispatchPolicy.of(dev.tessera.dispatch.Policies.parse("head", java.util.List.of("drain-layout=off"))),
                A2A3,
                cohort));
        long perPayload = COSTS.cost(Cost.PAYLOAD_BUILD) - COSTS.cost(Cost.DRAIN_PAYLOAD_BUILD);
        System.out.printf(
                "24-block MIX cohort after a drain: launch %d ns with drain-layout, %d ns without%n", on, off);
        assertTrue(perPayload > 0, "the a2a3 preset makes a drain's payload cheaper");
        assertEquals(72 * perPayload, off - on, "72 payloads at the drain's rate instead of the normal one");
    }

    /** From the last block of the task named "before" ending to the first start of the one named "cohort". */
    private static long launchAfterDrain(Trace t) {
        long beforeEnd = Long.MIN_VALUE;
        for (Trace.Subtask x : t.subtasks())
            if (taskName(t, x.taskId()).equals("before")) beforeEnd = Math.max(beforeEnd, x.endNs());
        TraceStats.TaskStats c = TraceStats.of(t).tasks().stream()
                .filter(x -> x.name().equals("cohort"))
                .findFirst()
                .orElseThrow();
        return c.firstStartNs() - beforeEnd;
    }

    private static String taskName(Trace t, long id) {
        return t.tasks().stream()
                .filter(x -> x.id() == id)
                .findFirst()
                .orElseThrow()
                .name();
    }

    /**
     * split-launch prepares a scheduler's share as its set-aside targets go idle, while the others
     * still drain: with producers ending at staggered times the cohort starts soon after the last.
     */
    @Test
    void splitLaunchPreparesWhileOtherTargetsStillDrain() {
        CostModel staggered = COSTS.withOverride("kernel.name.slow", "5000,20000,40000");
        Kernel slow = Kernel.of("slow", ctx -> {});
        Orchestration cohort = orch -> {
            orch.submit(TaskSpec.aic(slow).named("before").blocks(24));
            orch.submit(TaskSpec.mix(EMPTY, EMPTY, EMPTY).named("cohort").syncStart(24));
        };
        long h = cohortWait(run(DispatchPolicy.parse("head"), A2A3, cohort, staggered));
        long s = cohortWait(run(DispatchPolicy.parse("split"), A2A3, cohort, staggered));
        System.out.printf("cohort behind staggered producers: ready to start %d ns head, %d ns split%n", h, s);
        assertTrue(s < h, "split " + s + " ns, head " + h + " ns");
    }

    private static long cohortWait(Trace t) {
        TraceStats.TaskStats c = TraceStats.of(t).tasks().stream()
                .filter(x -> x.name().equals("cohort"))
                .findFirst()
                .orElseThrow();
        return c.firstStartNs() - c.readyNs();
    }

    /**
     * #1079: a consumer of a flagged producer is staged gated on idle cores while the producer
     * runs, and its doorbell starts it when the producer completes, instead of FIN → fan-out →
     * ready queue → pop → payload → register write → pickup.
     */
    @Test
    void earlyDispatchStartsAConsumerAtItsProducersCompletion() {
        CostModel costs = COSTS.withOverride(CostModel.KERNEL_PREFIX + "long", 20_000);
        Orchestration chain = orch -> {
            Submitted p = orch.submit(TaskSpec.aiv(Kernel.of("long", ctx -> {}))
                    .named("producer")
                    .blocks(8)
                    .earlyResolve());
            orch.submit(TaskSpec.aiv(EMPTY).named("consumer").blocks(8).dependsOn(p.taskId()));
        };
        Trace off = run(
                DispatchPolicy.of(dev.tessera.dispatch.Policies.parse("head", java.util.List.of("early-dispatch=off"))),
                A2A3,
                chain,
                costs);
        Trace on = run(DispatchPolicy.parse("head"), A2A3, chain, costs);
        long gapOff = producerEndToConsumerStart(off);
        long gapOn = producerEndToConsumerStart(on);
        System.out.printf(
                "8 AIV consumers of a flagged 8-block producer: producer end -> first consumer start %d ns without"
                        + " early dispatch, %d ns with (%d subtasks staged gated)%n",
                gapOff, gapOn, on.gatedSubtasks());
        assertEquals(0, off.gatedSubtasks());
        assertEquals(8, on.gatedSubtasks(), "every consumer block staged on an idle core");
        // without: FIN seen, completion, push, pop, claim, payload, write, pickup (> 1 µs);
        // with: FIN seen, completion, one doorbell store, the doorbell seen by the core
        assertTrue(gapOff > COSTS.cost(Cost.PAYLOAD_BUILD) + COSTS.pickupNs(), "off: " + gapOff);
        assertTrue(gapOn < gapOff / 2, "on " + gapOn + " ns, off " + gapOff + " ns");
        for (Trace.Subtask x : on.subtasks()) {
            if (!x.name().equals("consumer")) continue;
            assertTrue(on.gated(x));
            assertTrue(x.dispatchNs() < on.doorbellNs(x) && on.doorbellNs(x) <= x.startNs(), x.toString());
        }
    }

    private static long producerEndToConsumerStart(Trace t) {
        long end = Long.MIN_VALUE, start = Long.MAX_VALUE;
        for (Trace.Subtask x : t.subtasks()) {
            if (x.name().equals("producer")) end = Math.max(end, x.endNs());
            if (x.name().equals("consumer")) start = Math.min(start, x.startNs());
        }
        return start - end;
    }
}
