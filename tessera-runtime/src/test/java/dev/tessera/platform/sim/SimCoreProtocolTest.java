package dev.tessera.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.platform.Actor;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.Cost;
import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The status register of one core read at chosen instants, against the times the model implies:
 * ACK after start + ackVisibility, FIN after end + finVisibility, a pending dispatch latched (ACK
 * shown, the earlier FIN overwritten) the instant the running one ends.
 */
class SimCoreProtocolTest {
    private static final long PICKUP = 100;
    private static final long ACK = 20;
    private static final long FIN = 30;
    private static final long KERNEL = 1_000;

    /** One ns per LOOP so a body can walk its clock to any instant; no jitter. */
    private static CostModel model() {
        return CostModel.a2a3()
                .withOverrides(Map.of(
                        CostModel.COUNTER_TICK,
                        "1",
                        CostModel.key(Cost.LOOP),
                        "1",
                        CostModel.CORE_PICKUP,
                        Long.toString(PICKUP),
                        CostModel.CORE_ACK_VISIBILITY,
                        Long.toString(ACK),
                        CostModel.CORE_FIN_VISIBILITY,
                        Long.toString(FIN),
                        CostModel.KERNEL_DEFAULT,
                        Long.toString(KERNEL),
                        CostModel.IDLE_BASE,
                        "1000000",
                        CostModel.IDLE_CAP,
                        "1000000"));
    }

    private static void walkTo(Actor a, long t) {
        long d = t - a.now();
        if (d < 0) throw new AssertionError("cannot walk back from " + a.now() + " to " + t);
        a.charge(Cost.LOOP, (int) d);
    }

    /** A scheduler body with its actor, its session and the host holding the payload buffers. */
    private interface Body {
        void run(Actor me, SimSession s, ToyHost host);
    }

    /** Runs {@code body} as the only scheduler of a one-cluster topology (the orchestrator does nothing). */
    private static ToyHost runAlone(SimPlatform platform, Body body) {
        ToyHost host = new ToyHost(Topology.custom(1, 1));
        try (SimSession s = platform.open(host, 1)) {
            s.execute(() -> {}, new Runnable[] {() -> body.run(s.schedulerActor(0), s, host)});
        }
        return host;
    }

    @Test
    void statusFollowsAckThenFinAndLatchesThePendingDispatch() {
        Kernel k = Kernel.of("k", ctx -> {});
        List<String> seen = new ArrayList<>();
        ToyHost host = runAlone(new SimPlatform(model()), (me, s, h) -> {
            CorePort core = s.core(0);
            assertEquals(CorePort.IDLE_STATUS, core.status());
            post(h, core, 0, 1, k); // at 0
            long start1 = PICKUP;
            long end1 = start1 + KERNEL;
            walkTo(me, start1 + ACK - 1);
            assertEquals(CorePort.IDLE_STATUS, core.status(), "ACK not visible yet");
            walkTo(me, start1 + ACK);
            assertEquals(1, core.status(), "ACK(1)");
            post(h, core, 0, 2, k); // pending, while 1 runs
            long start2 = end1; // picked up when 1 ends
            long end2 = start2 + KERNEL;
            walkTo(me, end1 + FIN - 1);
            assertEquals(1, core.status(), "still ACK(1) just before FIN(1) is visible");
            walkTo(me, end1 + FIN);
            assertEquals(2, core.status(), "FIN(1) and ACK(2) land together: the reader sees the pending one latched");
            post(h, core, 0, 3, k);
            long start3 = end2;
            long end3 = start3 + KERNEL;
            walkTo(me, end2 + FIN);
            assertEquals(3, core.status());
            walkTo(me, end3 + FIN - 1);
            assertEquals(3, core.status());
            walkTo(me, end3 + FIN);
            assertEquals(CorePort.FIN_BIT | 3, core.status(), "FIN(3), core idle");
            // An idle core picks the next token up after the pickup latency, not at the end of the last one.
            long post4 = end3 + 5 * KERNEL;
            walkTo(me, post4);
            post(h, core, 0, 4, k);
            walkTo(me, post4 + PICKUP + ACK - 1);
            assertEquals(CorePort.FIN_BIT | 3, core.status());
            walkTo(me, post4 + PICKUP + ACK);
            assertEquals(4, core.status());
            // Case 1: both running and pending finished before the next read: FIN of the pending one.
            post(h, core, 0, 5, k);
            walkTo(me, post4 + PICKUP + 3 * KERNEL);
            assertEquals(CorePort.FIN_BIT | 5, core.status());
            seen.add("done");
        });
        assertEquals(List.of("done"), seen);
        assertEquals(PICKUP, host.startOf(0, 1));
        assertEquals(PICKUP + KERNEL, host.endOf(0, 1));
        assertEquals(PICKUP + KERNEL, host.startOf(0, 2));
        assertEquals(PICKUP + 2 * KERNEL, host.startOf(0, 3));
        assertEquals(PICKUP + 3 * KERNEL, host.endOf(0, 3));
        assertEquals(host.endOf(0, 4), host.startOf(0, 5));
    }

    @Test
    void aPostBeforeTheRunningDispatchIsAckedIsRejected() {
        Kernel k = Kernel.of("k", ctx -> {});
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> runAlone(new SimPlatform(model()), (me, s, h) -> {
                    post(h, s.core(2), 0, 1, k);
                    walkTo(me, PICKUP + ACK - 1);
                    post(h, s.core(2), 0, 2, k);
                }));
        assertTrue(
                e.getMessage().contains("core 2") && e.getMessage().contains("before the ACK of token 1"),
                e.getMessage());
    }

    @Test
    void reservedTokensAndRepeatedTokensAreRejected() {
        Kernel k = Kernel.of("k", ctx -> {});
        assertThrows(
                IllegalArgumentException.class,
                () -> runAlone(
                        new SimPlatform(model()),
                        (me, s, h) -> post(h, s.core(0), 0, CorePort.FIRST_RESERVED_TOKEN, k)));
        assertThrows(
                IllegalStateException.class,
                () -> runAlone(new SimPlatform(model()), (me, s, h) -> {
                    post(h, s.core(0), 0, 7, k);
                    walkTo(me, 10 * KERNEL);
                    post(h, s.core(0), 0, 7, k);
                }));
    }

    @Test
    void idleNeverSleepsPastAStatusChangeOfTheIdlersOwnCores() {
        Kernel k = Kernel.of("k", ctx -> {});
        List<String> seen = new ArrayList<>();
        runAlone(new SimPlatform(model()), (me, s, h) -> {
            CorePort core = s.core(1);
            post(h, core, 1, 1, k);
            int round = 0;
            int last = core.status();
            while (last != (CorePort.FIN_BIT | 1)) {
                me.idle(++round); // the back-off is 1 ms, far longer than the kernel
                int st = core.status();
                if (st != last) seen.add(Integer.toHexString(st) + "@" + me.now());
                last = st;
            }
        });
        assertEquals(
                List.of(
                        "1@" + (PICKUP + ACK),
                        Integer.toHexString(CorePort.FIN_BIT | 1) + "@" + (PICKUP + KERNEL + FIN)),
                seen);
    }

    @Test
    void kernelsRunOnceAtPostAndOnlyWhenComputeIsOn() {
        int[] runs = new int[1];
        Kernel k = Kernel.of("k", ctx -> runs[0]++);
        runAlone(new SimPlatform(model()), (me, s, h) -> {
            post(h, s.core(0), 0, 1, k);
            assertEquals(1, runs[0], "ran inside post");
            walkTo(me, 10 * KERNEL);
        });
        assertEquals(1, runs[0]);
        ToyHost host = runAlone(new SimPlatform(model(), false, false), (me, s, h) -> post(h, s.core(0), 0, 1, k));
        assertEquals(1, runs[0], "compute off: not run");
        assertEquals(PICKUP + KERNEL, host.endOf(0, 1), "compute off: same timing");
    }

    @Test
    void aThrowingKernelIsReportedAndTheCoreStillFinishes() {
        IllegalArgumentException boom = new IllegalArgumentException("bad block");
        Kernel k = Kernel.of("k", ctx -> {
            throw boom;
        });
        List<Integer> finals = new ArrayList<>();
        ToyHost host = runAlone(new SimPlatform(model()), (me, s, h) -> {
            post(h, s.core(0), 0, 1, k);
            walkTo(me, PICKUP + KERNEL + FIN);
            finals.add(s.core(0).status());
        });
        assertEquals(List.of(CorePort.FIN_BIT | 1), finals);
        assertEquals(List.of("core 0 task 0 block 0: bad block"), host.failures);
    }

    @Test
    void kernelDurationRulesPickByNameAndBlock() {
        CostModel m = model().withOverride(CostModel.KERNEL_PREFIX + "slow", "500,700")
                .withKernelDuration("scaled", (kernel, ctx) -> 10L * (ctx.blockIdx() + 1));
        Kernel slow = Kernel.of("slow", ctx -> {});
        Kernel scaled = Kernel.of("scaled", ctx -> {});
        Kernel other = Kernel.of("other", ctx -> {});
        ToyHost host = runAlone(new SimPlatform(m), (me, s, h) -> {
            postBlock(h, s.core(0), 0, 1, slow, 0);
            postBlock(h, s.core(1), 1, 1, slow, 1);
            postBlock(h, s.core(2), 2, 1, scaled, 4);
            walkTo(me, PICKUP + ACK); // a second post must wait for ACK(1)
            postBlock(h, s.core(2), 2, 2, other, 0);
        });
        assertEquals(500, host.endOf(0, 1) - host.startOf(0, 1));
        assertEquals(700, host.endOf(1, 1) - host.startOf(1, 1));
        assertEquals(50, host.endOf(2, 1) - host.startOf(2, 1));
        assertEquals(KERNEL, host.endOf(2, 2) - host.startOf(2, 2));
    }

    @Test
    void statusIsReadAtTheCallersOwnClock() {
        // Scheduler 0 posts at 0 and leaves; scheduler 1 reads that core first at 0, then at the ACK's instant.
        ToyHost host = new ToyHost(Topology.custom(2, 2));
        Kernel k = Kernel.of("k", ctx -> {});
        List<Integer> reads = new ArrayList<>();
        try (SimSession s = new SimPlatform(model()).open(host, 3)) {
            s.execute(() -> {}, new Runnable[] {
                () -> post(host, s.core(0), 0, 1, k),
                () -> {
                    Actor me = s.schedulerActor(1);
                    walkTo(me, PICKUP + ACK - 1);
                    reads.add(s.core(0).status());
                    walkTo(me, PICKUP + ACK);
                    reads.add(s.core(0).status());
                }
            });
        }
        assertEquals(List.of(CorePort.IDLE_STATUS, 1), reads);
    }

    private static void post(ToyHost h, CorePort core, int coreId, int token, Kernel k) {
        postBlock(h, core, coreId, token, k, 0);
    }

    /** Writes payload buffer {@code token & 1} of {@code coreId}, then posts: the runtime's order. */
    private static void postBlock(ToyHost h, CorePort core, int coreId, int token, Kernel k, int block) {
        var p = h.payload(coreId, token & 1);
        p.kernel = k;
        p.blockIdx = block;
        p.blockNum = block + 1;
        core.post(token);
    }
}
