package dev.tessera.core;

import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;

/**
 * What the orchestrator and the schedulers of one run share: rings, queues, counters, the error
 * latch, the per-core payload buffers, and the task lifecycle steps every thread may perform
 * (complete, release, consume).
 *
 * <p>Built from plain sizes, not from the user's {@code RuntimeConfig}: that record names the
 * dispatch policy, the platform and the observers, so a core that held it would reach the very
 * packages that drive it ({@code run} makes one from a config: {@code Run.newState}).
 */
public final class RuntimeState {
    public static final int WIRING_QUEUE_SIZE = 1024;
    /** Task rings, one per scope depth up to the last (spec §2.5: ring = min(depth, RINGS - 1)). */
    public static final int RINGS = 4;

    public final Topology topology;
    /** Task slots per ring. */
    public final int taskWindow;
    /** A core that runs one dispatch longer than this fails the run. */
    public final long coreTimeoutNs;

    public final TaskRing[] rings;
    public final ReadyQueues ready;
    /** Orchestrator → scheduler 0: newly submitted tasks to wire (spec §3.5). */
    public final SpscAtomicArrayQueue<TaskSlot> wiring = new SpscAtomicArrayQueue<>(WIRING_QUEUE_SIZE);

    public final ErrorLatch errors = new ErrorLatch();
    public final TraceRecorder recorder;
    public final DispatchPayload[][] payloads;
    public final AtomicLong submitted = new AtomicLong();
    public final AtomicLong completed = new AtomicLong();
    /**
     * Tasks completed whose release has not finished yet (it may sit in a scheduler's
     * deferred-release buffer). See {@link #hasWorkInFlight()} for the order that keeps the pair
     * consistent.
     */
    public final AtomicLong pendingReleases = new AtomicLong();

    public volatile boolean orchestratorDone;
    /** Orchestrator is waiting on task data: scheduler 0 should wire at once instead of batching. */
    public volatile boolean orchestratorNeedsDrain;

    public volatile boolean finished;
    private final Arena arena = Arena.ofShared();
    private Actor[] schedulerActors = new Actor[0];

    public RuntimeState(
            Topology topology, int taskWindow, long heapBytes, Duration coreTimeout, TraceRecorder recorder) {
        this.topology = topology;
        this.taskWindow = taskWindow;
        this.coreTimeoutNs = coreTimeout.toNanos();
        this.recorder = recorder;
        this.rings = new TaskRing[RINGS];
        for (int r = 0; r < rings.length; r++) rings[r] = new TaskRing(r, taskWindow, heapBytes, arena);
        this.ready = new ReadyQueues(Integer.highestOneBit(rings.length * taskWindow) << 1);
        this.payloads = new DispatchPayload[topology.cores()][2];
        for (int c = 0; c < topology.cores(); c++) {
            for (int b = 0; b < 2; b++) {
                payloads[c][b] = new DispatchPayload(
                        c,
                        topology.clusterOf(c),
                        topology.typeOf(c),
                        topology.laneOf(c).subBlockId());
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
     * producer this was to {@code readySink}. Exactly one thread calls this per task, and the same
     * thread must later call {@link #releaseTask} for it.
     */
    public void completeTask(TaskSlot t, Actor actor, ReadySink readySink, TaskSlot[][] scratch) {
        // Counted as awaiting release before it counts as completed: see hasWorkInFlight.
        pendingReleases.incrementAndGet();
        int n = t.complete(scratch);
        actor.charge(Cost.TASK_COMPLETE, Math.max(1, n));
        TaskSlot[] consumers = scratch[0];
        for (int i = 0; i < n; i++) {
            TaskSlot c = consumers[i];
            consumers[i] = null;
            if (c.satisfyFanin(1)) readySink.ready(c);
        }
        completed.incrementAndGet();
    }

    /**
     * A completed task lets go of its producers, and may itself become consumed. Only once that is
     * done does it stop counting as awaiting release (see hasWorkInFlight).
     */
    public void releaseTask(TaskSlot t, Actor actor) {
        for (int i = 0; i < t.producerCount; i++) {
            actor.charge(Cost.RELEASE);
            releaseProducer(t.producers[i]);
        }
        releaseProducer(t); // the task's own reference (see TaskSlot.prepare)
        pendingReleases.decrementAndGet();
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

    /**
     * True while some submitted task has not completed, or a completed task's release has not
     * finished: while something may still retire a slot or free heap without the orchestrator's
     * help. The orchestrator calls it to tell a long wait from a deadlock.
     *
     * <p>Invariant: a task is never seen as neither in flight nor released. A completing thread
     * raises {@code pendingReleases} before {@code completed} ({@link #completeTask}) and lowers it
     * only after the release ({@link #releaseTask}); this method reads {@code completed} first. So
     * a reader that sees a task's completion also sees it awaiting release, or sees its release
     * already done. (Raising {@code completed} first let a completing scheduler descheduled
     * between the two increments make a valid program's submit report a deadlock.)
     */
    public boolean hasWorkInFlight() {
        long done = completed.get();
        return done < submitted.get() || pendingReleases.get() > 0;
    }

    public void close() {
        arena.close();
    }
}
