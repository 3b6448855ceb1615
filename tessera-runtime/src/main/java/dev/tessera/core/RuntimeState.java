package dev.tessera.core;

import dev.tessera.api.RuntimeConfig;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;

/**
 * What the orchestrator and the schedulers of one run share: rings, queues, counters, the error
 * latch, the per-core payload buffers, and the task lifecycle steps every thread may perform
 * (complete, release, consume).
 */
public final class RuntimeState {
    public static final int WIRING_QUEUE_SIZE = 1024;

    public final RuntimeConfig config;
    public final Topology topology;
    public final TaskRing[] rings;
    public final ReadyQueues ready;
    /** Orchestrator → scheduler 0: newly submitted tasks to wire (spec §3.5). */
    public final SpscAtomicArrayQueue<TaskSlot> wiring = new SpscAtomicArrayQueue<>(WIRING_QUEUE_SIZE);
    public final ErrorLatch errors = new ErrorLatch();
    public final TraceRecorder recorder;
    public final DispatchPayload[][] payloads;
    public final AtomicLong submitted = new AtomicLong();
    public final AtomicLong completed = new AtomicLong();
    /** Tasks completed whose release still sits in some scheduler's deferred-release buffer. */
    public final AtomicLong pendingReleases = new AtomicLong();
    public volatile boolean orchestratorDone;
    /** Orchestrator is waiting on task data: scheduler 0 should wire at once instead of batching. */
    public volatile boolean orchestratorNeedsDrain;
    public volatile boolean finished;
    private final Arena arena = Arena.ofShared();
    private Actor[] schedulerActors = new Actor[0];

    public RuntimeState(RuntimeConfig config, TraceRecorder recorder) {
        this.config = config;
        this.topology = config.topology();
        this.recorder = recorder;
        this.rings = new TaskRing[RuntimeConfig.MAX_RINGS];
        for (int r = 0; r < rings.length; r++) rings[r] = new TaskRing(r, config.taskWindow(), config.heapBytes(), arena);
        this.ready = new ReadyQueues(Integer.highestOneBit(rings.length * config.taskWindow()) << 1);
        this.payloads = new DispatchPayload[topology.cores()][2];
        for (int c = 0; c < topology.cores(); c++) {
            for (int b = 0; b < 2; b++) {
                payloads[c][b] = new DispatchPayload(c, topology.clusterOf(c), topology.typeOf(c), topology.laneOf(c).subBlockId());
            }
        }
    }

    public void bindSchedulers(Actor[] actors) {
        this.schedulerActors = actors;
    }

    /** Wakes every scheduler that may be parked: new work is in a global queue. */
    public void wakeSchedulers() {
        for (Actor a : schedulerActors) a.wake();
    }

    public void wakeScheduler(int s) {
        schedulerActors[s].wake();
    }

    /**
     * The task's last subtask finished: mark it COMPLETED and hand every consumer whose last
     * producer this was to {@code readySink}. Exactly one thread calls this per task.
     */
    public void completeTask(TaskSlot t, Actor actor, ReadySink readySink, TaskSlot[][] scratch) {
        int n = t.complete(scratch);
        actor.charge(Cost.TASK_COMPLETE, Math.max(1, n));
        TaskSlot[] consumers = scratch[0];
        for (int i = 0; i < n; i++) {
            TaskSlot c = consumers[i];
            consumers[i] = null;
            if (c.addFanin(1) == c.faninCount) readySink.ready(c);
        }
        completed.incrementAndGet();
    }

    /** A completed task lets go of its producers, and may itself become consumed. */
    public void releaseTask(TaskSlot t, Actor actor) {
        for (int i = 0; i < t.producerCount; i++) {
            actor.charge(Cost.RELEASE);
            releaseProducer(t.producers[i]);
        }
        releaseProducer(t); // the task's own reference (see TaskSlot.prepare)
    }

    /** One holder (a consumer or the task's scope) is done with {@code p}. */
    public void releaseProducer(TaskSlot p) {
        if (p.release()) rings[p.ring].advance();
    }

    /** Where newly ready tasks go. */
    @FunctionalInterface
    public interface ReadySink {
        void ready(TaskSlot t);
    }

    /** True while some submitted task has not completed, or a release is still deferred. */
    public boolean hasWorkInFlight() {
        return completed.get() < submitted.get() || pendingReleases.get() > 0;
    }

    public void close() {
        arena.close();
    }
}
