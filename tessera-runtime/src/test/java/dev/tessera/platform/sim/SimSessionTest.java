package dev.tessera.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskIds;
import dev.tessera.api.TaskSpec;
import dev.tessera.errors.ErrorCode;
import dev.tessera.errors.TesseraException;
import dev.tessera.platform.Actor;
import dev.tessera.platform.CoreHost;
import dev.tessera.platform.Cost;
import dev.tessera.platform.Platform;
import dev.tessera.platform.PlatformSession;
import dev.tessera.profiling.Trace;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The baton engine under the real runtime (order, replay, exactly-once, jitter, compute off,
 * failures) and on its own with a bare core host (visibility, wake-ups, guards).
 */
class SimSessionTest {
    private static final Topology TOPO = Topology.custom(6, 3);

    /** a2a3 costs on a 1 ns counter, so the timing checks are exact. */
    private static CostModel exact() {
        return CostModel.a2a3().withOverride(CostModel.COUNTER_TICK, 1);
    }

    /** The sim platform, keeping the session of the last run for its counters. */
    private static final class Kept implements Platform {
        private final SimPlatform sim;
        private SimSession session;

        Kept(SimPlatform sim) {
            this.sim = sim;
        }

        @Override
        public String name() {
            return sim.name();
        }

        @Override
        public PlatformSession open(CoreHost host, long seed) {
            return session = sim.open(host, seed);
        }
    }

    private record Ran(RunResult result, SimSession session, RuntimeException failure) {
        List<Trace.Subtask> subtasks() {
            return result.trace().subtasks();
        }
    }

    /** {@code tasks} independent AIV tasks of {@code blocks} blocks of {@code k} on the real runtime. */
    private static Ran run(SimPlatform platform, long seed, int tasks, int blocks, Kernel k, DispatchPolicy policy) {
        Kept kept = new Kept(platform);
        InvariantChecker checker = new InvariantChecker();
        try (Runtime rt = Runtime.builder()
                .topology(TOPO)
                .platform(kept)
                .policy(policy)
                .seed(seed)
                .trace(true)
                .observer(checker)
                .build()) {
            RunResult result = rt.run(orch -> {
                for (int i = 0; i < tasks; i++) orch.submit(TaskSpec.aiv(k).blocks(blocks));
            });
            checker.assertValid(TOPO);
            return new Ran(result, kept.session, null);
        } catch (TesseraException e) {
            return new Ran(null, kept.session, e);
        }
    }

    @Test
    void everyBlockRunsExactlyOnceAndEveryTaskCompletes() {
        int tasks = 30;
        int blocks = 7;
        int[][] hits = new int[tasks][blocks];
        Kernel k = Kernel.of("count", ctx -> hits[(int) TaskIds.local(ctx.taskId())][ctx.blockIdx()]++);
        for (DispatchPolicy policy : new DispatchPolicy[] {DispatchPolicy.SERIAL, DispatchPolicy.PARALLEL}) {
            for (int[] h : hits) java.util.Arrays.fill(h, 0);
            Ran run = run(new SimPlatform(exact(), true, true), 11, tasks, blocks, k, policy);
            assertEquals(tasks, run.result().tasks());
            for (int t = 0; t < tasks; t++) {
                for (int b = 0; b < blocks; b++) assertEquals(1, hits[t][b], policy + " task " + t + " block " + b);
            }
            assertEquals((long) tasks * blocks, run.session().dispatches());
            assertEquals(0, run.session().liveThreads());
        }
    }

    @Test
    void theSameSeedReplaysEveryDecisionAndClock() {
        List<String> a = engineLog(42, true);
        List<String> b = engineLog(42, true);
        assertTrue(a.size() > 1_000, "a workload big enough to interleave: " + a.size());
        assertTrue(a.stream().anyMatch(e -> e.contains("baton ->")), "the actors did interleave");
        assertEquals(a, b);
    }

    @Test
    void differentSeedsWithJitterGiveDifferentRuns() {
        assertNotEquals(engineLog(1, true), engineLog(2, true));
    }

    @Test
    void jitterStaysWithinItsPercentAndIsAbsentWhenOff() {
        CostModel m = exact();
        long kernel = 10_000;
        long amplitude = kernel * m.jitterPercent() / 100;
        for (boolean jitter : new boolean[] {false, true}) {
            Ran run = run(
                    new SimPlatform(m.withOverride(CostModel.KERNEL_DEFAULT, kernel), true, jitter),
                    8,
                    10,
                    6,
                    Kernel.of("k", ctx -> {}),
                    DispatchPolicy.PARALLEL);
            java.util.Set<Long> durations = new java.util.TreeSet<>();
            for (Trace.Subtask t : run.subtasks()) durations.add(t.endNs() - t.startNs());
            if (jitter) {
                assertTrue(durations.size() > 10, "jittered durations vary: " + durations);
                durations.forEach(d -> assertTrue(Math.abs(d - kernel) <= amplitude, d + " outside ±" + amplitude));
            } else {
                assertEquals(java.util.Set.of(kernel), durations);
            }
        }
    }

    private static List<String> engineLog(long seed, boolean jitter) {
        List<String> log = new ArrayList<>();
        SimPlatform p = new SimPlatform(exact(), true, jitter)
                .withLog((actor, clock, what) -> log.add(actor + "@" + clock + " " + what));
        Ran run = run(p, seed, 20, 9, Kernel.of("k", ctx -> {}), DispatchPolicy.PARALLEL);
        for (Trace.Subtask t : run.subtasks()) log.add(t.toString());
        return log;
    }

    @Test
    void computeOffKeepsTheTimingAndRunsNothing() {
        int[] runs = new int[1];
        Kernel k = Kernel.of("k", ctx -> runs[0]++);
        Ran on = run(new SimPlatform(exact(), true, true), 5, 10, 5, k, DispatchPolicy.SERIAL);
        assertEquals(50, runs[0]);
        Ran off = run(new SimPlatform(exact(), false, true), 5, 10, 5, k, DispatchPolicy.SERIAL);
        assertEquals(50, runs[0]);
        assertEquals(on.subtasks(), off.subtasks());
        assertEquals(on.result().makespanNs(), off.result().makespanNs());
    }

    @Test
    void aFailingKernelIsReportedWithItsBlockAndTheRunStillEnds() {
        Kernel k = Kernel.of("flaky", ctx -> {
            if (TaskIds.local(ctx.taskId()) == 2 && ctx.blockIdx() == 3)
                throw new ArithmeticException("division by zero in block 3");
        });
        Ran run = run(new SimPlatform(exact()), 9, 4, 5, k, DispatchPolicy.PARALLEL);
        assertEquals(ErrorCode.KERNEL_FAILED, ((TesseraException) run.failure()).code());
        String message = run.failure().getMessage();
        assertTrue(
                message.contains("kernel 'flaky' of task " + TaskIds.format(TaskIds.of(0, 2)))
                        && message.contains("block 3 of 5")
                        && message.endsWith("division by zero in block 3"),
                message);
        assertEquals(0, run.session().liveThreads(), "the run ended");
    }

    /**
     * Every actor writes stamped values into one shared slot at random moments and checks every
     * value it reads was written no later than its own clock; the instants at which operations
     * happen, over all actors, never go backwards.
     */
    @Test
    void noActorEverSeesAWriteFromItsFuture() {
        long[] slot = {-1, 0}; // {writer's time, value}
        List<Long> instants = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        ToyHost host = new ToyHost(TOPO);
        try (SimSession s = new SimPlatform(exact(), true, true).open(host, 77)) {
            Runnable[] bodies = new Runnable[TOPO.schedulers()];
            for (int i = 0; i < bodies.length; i++) {
                Actor me = s.schedulerActor(i);
                long salt = i;
                bodies[i] = () -> scribble(me, salt, slot, instants, violations);
            }
            Actor orch = s.orchestratorActor();
            s.execute(() -> scribble(orch, 99, slot, instants, violations), bodies);
        }
        assertEquals(List.of(), violations);
        assertEquals(4 * 2_000, instants.size());
        for (int i = 1; i < instants.size(); i++) {
            assertTrue(instants.get(i) >= instants.get(i - 1), "time went back at operation " + i);
        }
    }

    private static void scribble(Actor me, long salt, long[] slot, List<Long> instants, List<String> violations) {
        SplittableRandom rnd = new SplittableRandom(salt);
        Cost[] ops = Cost.values();
        for (int i = 0; i < 2_000; i++) {
            long now = me.now();
            instants.add(now);
            if (slot[0] > now && violations.size() < 5)
                violations.add("read at " + now + " a value written at " + slot[0]);
            if (rnd.nextInt(3) == 0) {
                slot[0] = now;
                slot[1]++;
            }
            if (rnd.nextInt(5) == 0) me.idle(1 + rnd.nextInt(4));
            else me.charge(ops[rnd.nextInt(ops.length)], 1 + rnd.nextInt(3));
        }
    }

    @Test
    void wakeCutsABackOffShortAtTheWakersInstant() {
        CostModel m = exact().withOverride(CostModel.IDLE_CAP, 1_000_000)
                .withOverride(CostModel.IDLE_BASE, 1_000_000)
                .withOverride(CostModel.key(Cost.LOOP), 1);
        boolean[] flag = {false};
        long[] at = new long[2];
        ToyHost host = new ToyHost(Topology.custom(1, 1));
        try (SimSession s = new SimPlatform(m).open(host, 4)) {
            Actor orch = s.orchestratorActor();
            Actor sched = s.schedulerActor(0);
            s.execute(
                    () -> {
                        int round = 0;
                        while (!flag[0]) orch.idle(++round);
                        at[0] = orch.now();
                    },
                    new Runnable[] {
                        () -> {
                            sched.charge(Cost.LOOP, 5_000);
                            flag[0] = true;
                            at[1] = sched.now();
                            orch.wake();
                        }
                    });
        }
        assertEquals(5_000, at[1]);
        assertEquals(at[1], at[0], "resumed when woken, not at the end of its 1 ms back-off");
    }

    @Test
    void aLiveLockedRunEndsAtTheSimulatedTimeLimit() {
        ToyHost host = new ToyHost(TOPO);
        SimPlatform p = new SimPlatform(exact()).withTimeLimitNs(2_000_000);
        try (SimSession s = p.open(host, 1)) {
            Actor orch = s.orchestratorActor();
            Runnable[] spin = new Runnable[TOPO.schedulers()];
            for (int i = 0; i < spin.length; i++) {
                Actor me = s.schedulerActor(i);
                spin[i] = () -> {
                    while (true) me.charge(Cost.COMPLETION_POLL);
                };
            }
            SimTimeLimitExceededException e = assertThrows(
                    SimTimeLimitExceededException.class,
                    () -> s.execute(
                            () -> {
                                for (int round = 1; ; round++) orch.idle(round);
                            },
                            spin));
            assertEquals(2_000_000, e.limitNs());
            assertTrue(e.getMessage().contains("live-locked"), e.getMessage());
            assertEquals(0, s.liveThreads());
        }
    }

    @Test
    void aBodyThatThrowsEndsTheRunWithThatExceptionAndNoThreadLeft() {
        IllegalStateException boom = new IllegalStateException("scheduler 1 lost its tracker");
        ToyHost host = new ToyHost(TOPO);
        List<String> unwound = new ArrayList<>();
        SimSession s = new SimPlatform(exact()).open(host, 3);
        Runnable[] bodies = new Runnable[TOPO.schedulers()];
        for (int i = 0; i < bodies.length; i++) {
            Actor me = s.schedulerActor(i);
            int id = i;
            bodies[i] = () -> {
                try {
                    for (int n = 0; ; n++) {
                        me.charge(Cost.LOOP);
                        if (id == 1 && n == 50) throw boom;
                    }
                } catch (SimulationAbortedException e) {
                    unwound.add("scheduler " + id);
                    throw e;
                }
            };
        }
        Actor orch = s.orchestratorActor();
        IllegalStateException thrown = assertThrows(
                IllegalStateException.class,
                () -> s.execute(
                        () -> {
                            for (int round = 1; ; round++) orch.idle(round); // would idle forever without the abort
                        },
                        bodies));
        assertSame(boom, thrown);
        assertEquals(
                List.of("scheduler 0", "scheduler 2"), unwound.stream().sorted().toList());
        assertEquals(0, s.liveThreads());
        s.close();
        Runnable nothing = () -> {};
        assertThrows(
                IllegalStateException.class,
                () -> s.execute(nothing, new Runnable[] {nothing, nothing, nothing}),
                "a session runs once");
    }

    @Test
    void chargingOutsideTheRunOrForAnotherActorIsRefused() {
        ToyHost host = new ToyHost(TOPO);
        try (SimSession s = new SimPlatform(exact()).open(host, 3)) {
            assertThrows(
                    IllegalStateException.class, () -> s.orchestratorActor().charge(Cost.SUBMIT));
            Actor other = s.schedulerActor(2);
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> s.execute(() -> other.charge(Cost.LOOP), new Runnable[] {() -> {}, () -> {}, () -> {}}));
            assertTrue(e.getMessage().contains("scheduler 2"), e.getMessage());
            assertEquals(0, s.liveThreads());
        }
    }

    @Test
    void theBodyCountMustMatchTheTopology() {
        try (SimSession s = new SimPlatform(exact()).open(new ToyHost(TOPO), 3)) {
            assertThrows(IllegalArgumentException.class, () -> s.execute(() -> {}, new Runnable[] {() -> {}}));
        }
    }

    @Test
    void nowIsTheCounterReadingOnA50MHzDevice() {
        CostModel m = CostModel.a2a3().withOverride(CostModel.key(Cost.LOOP), 30);
        long[] seen = new long[2];
        try (SimSession s = new SimPlatform(m).open(new ToyHost(Topology.custom(1, 1)), 1)) {
            Actor me = s.schedulerActor(0);
            s.execute(() -> {}, new Runnable[] {
                () -> {
                    me.charge(Cost.LOOP);
                    seen[0] = me.now();
                    me.charge(Cost.LOOP);
                    seen[1] = me.now();
                }
            });
        }
        long tick = m.tickNs();
        assertEquals(30 - 30 % tick, seen[0]);
        assertEquals(60 - 60 % tick, seen[1]);
    }
}
