package dev.tessera.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.platform.CoreHost;
import dev.tessera.platform.Platform;
import dev.tessera.platform.PlatformSession;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The actors' own carrier thread: used when the JVM allows it, and invisible to the simulation. */
class SimCarrierTest {
    private static final Topology TOPO = Topology.custom(6, 3);

    /** Runs 20 tasks of 9 blocks, logging every engine decision and each block's carrier thread. */
    private static List<String> run(SimPlatform sim, long seed, Set<String> carriers, boolean[] own) {
        List<String> log = new ArrayList<>();
        SimPlatform logged = sim.withLog((actor, clock, what) -> log.add(actor + "@" + clock + " " + what));
        Platform kept = new Platform() {
            @Override
            public String name() {
                return logged.name();
            }

            @Override
            public PlatformSession open(CoreHost host, long s) {
                SimSession session = logged.open(host, s);
                own[0] = session.ownCarrier();
                return session;
            }
        };
        // The kernel runs on the posting actor's virtual thread; its carrier is named in its toString.
        Kernel k = Kernel.of("k", ctx -> carriers.add(carrierOf(Thread.currentThread())));
        try (Runtime rt = Runtime.builder()
                .topology(TOPO)
                .platform(kept)
                .policy(DispatchPolicy.PARALLEL)
                .seed(seed)
                .trace(true)
                .build()) {
            RunResult r = rt.run(orch -> {
                for (int i = 0; i < 20; i++) orch.submit(TaskSpec.aiv(k).blocks(9));
            });
            r.trace().subtasks().forEach(t -> log.add(t.toString()));
        }
        return log;
    }

    /** A virtual thread prints as {@code VirtualThread[#id,name]/runnable@carrier-name}. */
    private static String carrierOf(Thread t) {
        String s = t.toString();
        int at = s.lastIndexOf('@');
        return at < 0 ? s : s.substring(at + 1);
    }

    @Test
    void theTestJvmOpensJavaLangSoSessionsGetTheirOwnCarrier() {
        assertTrue(SimCarrier.available(), "surefire passes --add-opens java.base/java.lang=ALL-UNNAMED");
        Set<String> carriers = ConcurrentHashMap.newKeySet();
        boolean[] own = new boolean[1];
        run(new SimPlatform(CostModel.a2a3(), true, true), 3, carriers, own);
        assertTrue(own[0]);
        assertEquals(Set.of("sim-carrier"), carriers, "every actor ran on the session's one carrier");
    }

    @Test
    void aVirtualThreadAKernelStartedStillRunsAfterTheRunEnded() throws InterruptedException {
        // It inherits the session's carrier as its scheduler and parks until the run has ended (and the
        // carrier stopped); it must still get a thread to wake up on.
        java.util.concurrent.CountDownLatch runEnded = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch woke = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        Kernel k = Kernel.of("starter", ctx -> {
            if (started.compareAndSet(false, true)) {
                Thread.ofVirtual().start(() -> {
                    try {
                        runEnded.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    woke.countDown();
                });
            }
        });
        try (Runtime rt = Runtime.builder()
                .topology(TOPO)
                .platform(new SimPlatform(CostModel.a2a3()))
                .build()) {
            rt.run(orch -> orch.submit(TaskSpec.aiv(k).blocks(2)));
        }
        runEnded.countDown();
        assertTrue(woke.await(10, java.util.concurrent.TimeUnit.SECONDS), "the kernel's thread ran to its end");
    }

    @Test
    void theSameSeedMakesTheSameDecisionsOnEitherScheduler() {
        for (long seed : new long[] {0, 7}) {
            SimPlatform sim = new SimPlatform(CostModel.a2a3(), true, true);
            Set<String> ownCarriers = ConcurrentHashMap.newKeySet();
            Set<String> sharedCarriers = ConcurrentHashMap.newKeySet();
            boolean[] own = new boolean[1];
            List<String> onOwn = run(sim, seed, ownCarriers, own);
            assertTrue(own[0]);
            List<String> onShared = run(sim.onSharedScheduler(), seed, sharedCarriers, own);
            assertFalse(own[0]);
            assertFalse(sharedCarriers.contains("sim-carrier"), "the shared scheduler's carriers: " + sharedCarriers);
            assertTrue(onOwn.size() > 500, "a log worth comparing: " + onOwn.size());
            assertEquals(onShared, onOwn);
        }
    }
}
