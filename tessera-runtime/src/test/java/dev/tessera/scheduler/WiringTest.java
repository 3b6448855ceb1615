package dev.tessera.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tessera.api.Runtime;
import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import dev.tessera.platform.IdleActor;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.run.Run;
import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fan-in wiring (spec §3.5) on the real {@link Wiring} and {@code RuntimeState.completeTask}: a
 * task becomes ready exactly once, exactly when its last unfinished producer completes, whether a
 * producer completed before, during or after the wiring.
 */
class WiringTest {
    private static final Actor FREE = new IdleActor();

    private final RuntimeState rt = Run.newState(
            Runtime.builder().topology(Topology.custom(2, 1)).build().config(), TraceRecorder.OFF);
    private final ReadyRouter router =
            new ReadyRouter(rt, FREE, null, null, null); // shared routing, no sync-start lanes
    private final Wiring wiring = new Wiring(rt, FREE, router, null);
    private final TaskSlot[][] scratch = {new TaskSlot[4]};
    private final List<TaskSlot> readied = new ArrayList<>();

    @AfterEach
    void close() {
        rt.close();
    }

    private TaskSlot task(int shape, TaskSlot... producers) {
        TaskSlot t = rt.rings[0].allocateSlot(0);
        t.shape = shape;
        for (TaskSlot p : producers) t.addProducer(p);
        return t;
    }

    private void complete(TaskSlot producer) {
        rt.completeTask(producer, FREE, readied::add, scratch);
    }

    @Test
    void aTaskWithoutProducersIsReadyAtOnceLocallyOrForEveryoneIfDependencyOnly() {
        TaskSlot aiv = task(TaskShape.AIV);
        TaskSlot dummy = task(TaskShape.DUMMY);
        wiring.wireTask(aiv);
        wiring.wireTask(dummy);
        assertSame(aiv, router.next(TaskShape.AIV), "kept by the wiring scheduler");
        assertSame(dummy, rt.ready.poll(TaskShape.DUMMY, FREE), "a dependency-only task goes to the global queue");
    }

    @Test
    void aTaskIsReadyWhenItsLastPendingProducerCompletesNotBefore() {
        TaskSlot p1 = task(TaskShape.AIC);
        TaskSlot p2 = task(TaskShape.AIC);
        TaskSlot c = task(TaskShape.AIV, p1, p2);
        wiring.wireTask(c);
        assertNull(router.next(TaskShape.AIV), "two producers pending");
        complete(p2);
        assertEquals(List.of(), readied, "one producer still pending");
        complete(p1);
        assertEquals(List.of(c), readied);
        assertEquals(3, c.faninCount(), "two producers and the wiring guard");
    }

    @Test
    void aProducerThatCompletedBeforeTheWiringCountsAsSatisfied() {
        TaskSlot done = task(TaskShape.AIC);
        TaskSlot pending = task(TaskShape.AIC);
        complete(done);
        TaskSlot c = task(TaskShape.AIV, done, pending);
        wiring.wireTask(c);
        assertNull(router.next(TaskShape.AIV));
        complete(pending);
        assertEquals(List.of(c), readied, "ready once, by the pending producer's completion");

        TaskSlot late = task(TaskShape.AIV, done, pending);
        wiring.wireTask(late);
        assertSame(late, router.next(TaskShape.AIV), "every producer had completed: ready at wiring");
        assertEquals(List.of(c), readied, "and not notified again by a completion");
    }

    /**
     * Completions racing with the wiring loop: ready exactly once, whoever satisfies the last edge.
     * (200 rounds of 4 tasks stay inside the ring's 16384-slot window: nothing is released.)
     */
    @Test
    void completionsRacingWithTheWiringMakeTheTaskReadyExactlyOnce() throws Exception {
        int producers = 3;
        CyclicBarrier start = new CyclicBarrier(2);
        for (int round = 0; round < 200; round++) {
            TaskSlot[] ps = new TaskSlot[producers];
            for (int i = 0; i < producers; i++) ps[i] = task(TaskShape.AIC);
            TaskSlot c = task(TaskShape.AIV, ps);
            AtomicInteger byCompletion = new AtomicInteger();
            Thread completer = Thread.ofPlatform().start(() -> {
                TaskSlot[][] own = {new TaskSlot[4]};
                await(start);
                for (TaskSlot p : ps) rt.completeTask(p, FREE, t -> byCompletion.incrementAndGet(), own);
            });
            await(start);
            wiring.wireTask(c);
            completer.join();
            int byWiring = router.next(TaskShape.AIV) == c ? 1 : 0;
            assertEquals(1, byWiring + byCompletion.get(), "round " + round + ": ready exactly once");
        }
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
