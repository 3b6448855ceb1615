package dev.tessera.core;

import dev.tessera.api.Kernel;
import dev.tessera.api.Tensor;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduling state of one task, living in one slot of a task ring and reused once the ring's
 * watermark has passed it (spec §3.1–3.2).
 *
 * <p>Ownership: the orchestrator fills the task fields before publishing the slot to the wiring
 * queue; scheduler 0 wires it; any scheduler completes and releases it. {@code consumers},
 * {@code fanoutCount}, {@code fanoutRefcount} and {@code state} transitions are guarded by the
 * slot's monitor, which also makes "add a consumer" and "complete" mutually exclusive so a
 * consumer is either notified or counted as already satisfied, never both or neither.
 */
public final class TaskSlot {
    public static final int PENDING = 0;
    public static final int COMPLETED = 1;
    public static final int CONSUMED = 2;

    public final int ring;
    public final int index;

    // ---- the task (orchestrator-written before publication) ----
    public long taskId = -1;
    public String name;
    public final Kernel[] kernels = new Kernel[3];
    public int activeMask;
    public int shape;
    public int blockNum;
    public boolean syncStart;
    /** The submit's early-resolve hint ({@code TaskSpec.earlyResolve()}); carried, not yet acted on. */
    public boolean earlyResolve;
    public int slotsPerBlock;
    public int totalSubtasks;
    public final Tensor[] tensors = new Tensor[dev.tessera.api.TaskSpec.MAX_TENSORS];
    public int tensorCount;
    public final long[] scalars = new long[32];
    public int scalarCount;
    /** Heap offset just past this task's outputs: the ring's heap tail once this task retires. */
    public long heapEnd;

    /** Unique producers this task waits for (and releases when done). */
    public TaskSlot[] producers = new TaskSlot[4];
    public int producerCount;

    // ---- scheduling state ----
    public volatile int state = PENDING;
    private TaskSlot[] consumers = new TaskSlot[4];
    private int consumerCount;
    private int fanoutCount;
    private int fanoutRefcount;
    public int faninCount;
    public final AtomicInteger faninRefcount = new AtomicInteger();
    public final AtomicInteger completedSubtasks = new AtomicInteger();
    /** Next block index to claim; CAS-claimed so concurrent claim paths stay correct. */
    public final AtomicInteger nextBlock = new AtomicInteger();
    public volatile long readyNs;
    /** Blocks of a sync-start task whose payloads are written; a cohort posts none before all are placed. */
    public final AtomicInteger placedBlocks = new AtomicInteger();

    TaskSlot(int ring, int index) {
        this.ring = ring;
        this.index = index;
    }

    public long taskId() { return taskId; }
    public String name() { return name; }
    public int shape() { return shape; }
    public int blockNum() { return blockNum; }
    public boolean syncStart() { return syncStart; }
    public boolean earlyResolve() { return earlyResolve; }
    public int activeMask() { return activeMask; }
    public Kernel kernel(int slot) { return kernels[slot]; }
    public int state() { return state; }
    public long readyNs() { return readyNs; }

    /** Blocks not yet claimed. */
    public int unclaimedBlocks() {
        return Math.max(0, blockNum - nextBlock.get());
    }

    /**
     * Atomically claims up to {@code max} consecutive blocks. Returns {@code first << 32 | count}
     * (packed to stay allocation-free), or -1 when every block is already claimed.
     */
    public long claimBlocks(int max) {
        while (true) {
            int next = nextBlock.get();
            int n = Math.min(max, blockNum - next);
            if (n <= 0) return -1;
            if (nextBlock.compareAndSet(next, next + n)) return ((long) next << 32) | n;
        }
    }

    // ---- fanout, guarded by this ----

    /** Orchestrator: count a new consumer unless this task is already consumed (then: no edge). */
    public synchronized boolean retainForConsumer() {
        if (state == CONSUMED) return false;
        fanoutCount++;
        return true;
    }

    /** Wiring: register {@code c} to be notified at completion; false if already completed. */
    public synchronized boolean addConsumerIfPending(TaskSlot c) {
        if (state != PENDING) return false;
        if (consumerCount == consumers.length) consumers = Arrays.copyOf(consumers, consumerCount * 2);
        consumers[consumerCount++] = c;
        return true;
    }

    /** Marks the task COMPLETED and returns how many consumers to notify (copied into {@code out}). */
    public synchronized int complete(TaskSlot[][] out) {
        state = COMPLETED;
        if (out[0].length < consumerCount) out[0] = new TaskSlot[Integer.highestOneBit(consumerCount) << 1];
        System.arraycopy(consumers, 0, out[0], 0, consumerCount);
        return consumerCount;
    }

    /** Marks a task that never runs (allocation task) COMPLETED. */
    public synchronized void markCompleted() {
        state = COMPLETED;
    }

    /** One holder let go; returns true when this made the task CONSUMED. */
    public synchronized boolean release() {
        fanoutRefcount++;
        return tryConsume();
    }

    /** Returns true when the task just became CONSUMED. */
    public synchronized boolean tryConsume() {
        if (state == COMPLETED && fanoutRefcount == fanoutCount) {
            state = CONSUMED;
            return true;
        }
        return false;
    }

    public synchronized int fanoutCount() { return fanoutCount; }
    public synchronized int fanoutRefcount() { return fanoutRefcount; }

    /** Orchestrator: start a new task in this slot (the watermark has passed the previous one). */
    void prepare(long id) {
        taskId = id;
        state = PENDING;
        synchronized (this) {
            Arrays.fill(consumers, 0, consumerCount, null);
            consumerCount = 0;
            // the scope's reference, and the task's own until its completion has released its
            // producers: otherwise a scope ending between completion and that deferred release
            // could consume the task and let its slot be reused under the release
            fanoutCount = 2;
            fanoutRefcount = 0;
        }
        Arrays.fill(producers, 0, producerCount, null);
        producerCount = 0;
        Arrays.fill(tensors, 0, tensorCount, null);
        tensorCount = 0;
        scalarCount = 0;
        kernels[0] = kernels[1] = kernels[2] = null;
        faninCount = 0;
        faninRefcount.set(0);
        completedSubtasks.set(0);
        nextBlock.set(0);
        placedBlocks.set(0);
        readyNs = 0;
    }

    /**
     * Orchestrator, at publication: takes a fanout reference on every producer, dropping producers
     * that were already consumed (their data is complete and they can no longer be waited for).
     */
    public void retainProducers() {
        int kept = 0;
        for (int i = 0; i < producerCount; i++) {
            TaskSlot p = producers[i];
            if (p.retainForConsumer()) producers[kept++] = p;
        }
        for (int i = kept; i < producerCount; i++) producers[i] = null;
        producerCount = kept;
    }

    public void addProducer(TaskSlot p) {
        for (int i = 0; i < producerCount; i++) if (producers[i] == p) return;
        if (producerCount == producers.length) producers = Arrays.copyOf(producers, producerCount * 2);
        producers[producerCount++] = p;
    }

    @Override
    public String toString() {
        return "task " + dev.tessera.api.TaskIds.format(taskId) + " '" + name + "'";
    }
}
