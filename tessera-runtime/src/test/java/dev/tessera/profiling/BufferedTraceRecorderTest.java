package dev.tessera.profiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BufferedTraceRecorderTest {
    private static final Topology TOPOLOGY = Topology.custom(4, 2);

    /** One subtask a scheduler has to dispatch. */
    private record Work(int core, long taskId, int blockIdx, int lane) {}

    /**
     * Tasks of all three shapes spread over every core: MIX blocks use the whole cluster, AIC and
     * AIV blocks one core each, round robin.
     */
    private static List<Work> plan(int rounds) {
        List<Work> work = new ArrayList<>();
        int next = 0;
        for (int r = 0; r < rounds; r++) {
            long mix = 3L * r, aic = 3L * r + 1, aiv = 3L * r + 2;
            for (int b = 0; b < 4; b++) {
                for (Lane lane : Lane.values()) work.add(new Work(TOPOLOGY.coreId(b, lane), mix, b, lane.ordinal()));
            }
            for (int b = 0; b < 6; b++) work.add(new Work(TOPOLOGY.coreId(b % 4, Lane.AIC), aic, b, 0));
            for (int b = 0; b < 12; b++) {
                int core = TOPOLOGY.clusters() + (next++ % TOPOLOGY.aivCores());
                work.add(new Work(core, aiv, b, TOPOLOGY.laneOf(core).ordinal()));
            }
        }
        return work;
    }

    /**
     * Drives the recorder as the runtime would: an orchestrator thread announces the tasks, each
     * scheduler dispatches to its own cores as fast as it can (so it grows buffers while the cores
     * still write older records), each core thread runs its queue, and the schedulers record FINs.
     */
    @Test
    void recordsEverySubtaskFromManyThreadsAndMatchesThemUp() throws Exception {
        int rounds = 40;
        List<Work> work = plan(rounds);
        BufferedTraceRecorder recorder = new BufferedTraceRecorder(TOPOLOGY, "threaded", "PARALLEL", 1);
        AtomicLong clock = new AtomicLong();

        Thread orchestrator = Thread.ofPlatform().start(() -> {
            for (int r = 0; r < rounds; r++) {
                recorder.taskSubmitted(3L * r, "mix" + r, 4, Trace.SHAPE_MIX, false, clock.incrementAndGet());
                recorder.taskSubmitted(3L * r + 1, "aic" + r, 6, Trace.SHAPE_AIC, false, clock.incrementAndGet());
                recorder.taskSubmitted(3L * r + 2, "aiv" + r, 12, Trace.SHAPE_AIV, true, clock.incrementAndGet());
            }
        });

        List<LinkedBlockingQueue<Integer>> mailbox = new ArrayList<>();
        for (int c = 0; c < TOPOLOGY.cores(); c++) mailbox.add(new LinkedBlockingQueue<>());
        List<LinkedBlockingQueue<int[]>> fins = new ArrayList<>();
        for (int s = 0; s < TOPOLOGY.schedulers(); s++) fins.add(new LinkedBlockingQueue<>());
        int[] perCore = new int[TOPOLOGY.cores()];
        for (Work w : work) perCore[w.core()]++;

        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < TOPOLOGY.cores(); c++) {
            int core = c, owner = TOPOLOGY.schedulerOf(TOPOLOGY.clusterOf(c));
            threads.add(Thread.ofPlatform().start(() -> {
                for (int n = 0; n < perCore[core]; n++) {
                    int token = take(mailbox.get(core));
                    recorder.started(core, token, clock.incrementAndGet());
                    recorder.ended(core, token, clock.incrementAndGet());
                    fins.get(owner).add(new int[] {core, token});
                }
            }));
        }
        for (int s = 0; s < TOPOLOGY.schedulers(); s++) {
            int scheduler = s;
            threads.add(Thread.ofPlatform().start(() -> {
                int[] tokens = new int[TOPOLOGY.cores()];
                int dispatched = 0;
                for (Work w : work) {
                    if (TOPOLOGY.schedulerOf(TOPOLOGY.clusterOf(w.core())) != scheduler) continue;
                    int token = ++tokens[w.core()];
                    long t = clock.incrementAndGet();
                    recorder.dispatched(scheduler, w.core(), token, w.taskId(), w.blockIdx(), w.lane(), t - 1, t);
                    mailbox.get(w.core()).add(token);
                    dispatched++;
                }
                for (int n = 0; n < dispatched; n++) {
                    int[] fin = take(fins.get(scheduler));
                    recorder.finishSeen(scheduler, fin[0], fin[1], clock.incrementAndGet());
                }
            }));
        }
        orchestrator.join();
        for (Thread t : threads) t.join();

        Trace trace = recorder.build(clock.get());
        assertEquals(3 * rounds, trace.tasks().size());
        assertEquals(work.size(), trace.subtasks().size());
        Set<Work> seen = new HashSet<>();
        Map<Integer, Integer> lastToken = new HashMap<>();
        for (Trace.Subtask s : trace.subtasks()) {
            assertTrue(seen.add(new Work(s.core(), s.taskId(), s.blockIdx(), s.lane())), "recorded twice: " + s);
            assertEquals(lastToken.getOrDefault(s.core(), 0) + 1, s.token(), "tokens of a core in order");
            lastToken.put(s.core(), s.token());
            assertEquals(TOPOLOGY.schedulerOf(s.cluster()), s.scheduler());
            assertEquals(TOPOLOGY.laneOf(s.core()).ordinal(), s.lane());
            assertTrue(
                    s.readyNs() < s.dispatchNs()
                            && s.dispatchNs() < s.startNs()
                            && s.startNs() < s.endNs()
                            && s.endNs() < s.finishSeenNs(),
                    "every time recorded, in causal order: " + s);
            assertEquals(trace.task(s.taskId()).name(), s.name());
        }
        assertEquals(new HashSet<>(work), seen);
        assertEquals(true, trace.task(2).syncStart());
        assertEquals(12, trace.task(2).blockNum());
    }

    private static <T> T take(LinkedBlockingQueue<T> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTokenNeverDispatchedIsLeftOutAndUnfinishedTimesStayUnknown() {
        BufferedTraceRecorder r = new BufferedTraceRecorder(TOPOLOGY, "sim", "SERIAL");
        r.taskSubmitted(5, "k", 2, Trace.SHAPE_AIC, false, 0);
        r.dispatched(0, 0, 1, 5, 0, 0, 0, 10);
        r.started(0, 1, 12);
        r.dispatched(0, 0, 3, 5, 1, 0, 0, 20);
        Trace trace = r.build(30);
        assertEquals(2, trace.subtasks().size());
        Trace.Subtask first = trace.subtasks().get(0), second = trace.subtasks().get(1);
        assertEquals(1, first.token());
        assertEquals(12, first.startNs());
        assertEquals(Trace.NONE, first.endNs());
        assertEquals(3, second.token());
        assertEquals(Trace.NONE, second.startNs());
    }

    @Test
    void aSubtaskOfATaskNeverAnnouncedGetsAPlaceholderTask() {
        BufferedTraceRecorder r = new BufferedTraceRecorder(TOPOLOGY, "sim", "SERIAL");
        r.dispatched(0, 0, 1, 42, 3, 0, 0, 10);
        r.dispatched(0, TOPOLOGY.coreId(0, Lane.AIV0), 1, 42, 3, 1, 0, 10);
        Trace trace = r.build(10);
        Trace.Task t = trace.task(42);
        assertEquals("task#42", t.name());
        assertEquals(Trace.SHAPE_MIX, t.shape());
        assertEquals(4, t.blockNum());
    }
}
