package dev.tessera.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.tessera.api.Kernel;
import dev.tessera.api.TaskIds;
import dev.tessera.api.Tensor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The scheduling state of one task, living in one slot of a task ring and reused once the ring's
 * watermark has passed it (spec §3.1–3.2).
 *
 * <p>Ownership: the orchestrator fills the task fields before publishing the slot to the wiring
 * queue; scheduler 0 wires it; any scheduler completes and releases it; the thread that moves the
 * ring's watermark over it clears it ({@link #clear}), so the next {@link #prepare} writes only the
 * new task.
 *
 * <p>Implementation notes. The fields fall into four kinds, and each is accessed only in its way:
 * <ol>
 *   <li><b>Written before publication</b> (the "task" group, plain fields): the orchestrator
 *       writes them, then offers the slot to the wiring queue, whose offer/poll pair (a release
 *       store and an acquire load in JCTools) orders them before every later reader; each later
 *       hand-over (ready queues, core registers) is again a release/acquire pair. Nobody writes
 *       them again until {@link #clear}, which runs only once the task is CONSUMED and the ring's
 *       watermark (volatile) publishes the cleared slot back to the orchestrator.</li>
 *   <li><b>Guarded by the slot's monitor</b>: the consumer list, and the PENDING → COMPLETED
 *       transition of {@code state}. "Add a consumer" ({@link #addConsumerIfPending}) and
 *       "complete" ({@link #complete}) are therefore mutually exclusive, so a consumer is either
 *       notified or counted as already satisfied, never both or neither. {@code state} is also
 *       volatile so that lock-free readers (the ring's watermark, lookups) may read it.</li>
 *   <li><b>Atomic counters</b>: fan-in, finished subtasks, the block cursor, placed blocks and the
 *       fanout word are plain {@code int}/{@code long} fields updated only through
 *       {@link VarHandle}s (one object and cache-line walk per slot instead of five
 *       {@code AtomicInteger}s); read them only through their methods.</li>
 *   <li><b>Written once by the wiring scheduler</b>: the fan-in target ({@link #beginWiring}),
 *       before the task is added to any producer's consumer list (under that producer's monitor);
 *       a completer reads it after taking the same monitor in {@link #complete}, so it always
 *       sees it. It is private: {@link #satisfyFanin} is the only way to compare against it.</li>
 * </ol>
 *
 * <p>Fanout references (who still needs this task's outputs) are one packed word, {@code holders
 * << 32 | released}, changed only by CAS: a task is consumed the moment {@code released} reaches
 * {@code holders}, so "retain unless consumed" and "release, consumed if last" are single atomic
 * steps and need no lock. Consumption can only happen after completion, because the task holds a
 * reference on itself until its completion released its producers (see {@link #prepare}).
 */
public final class TaskSlot {
    public static final int PENDING = 0;
    public static final int COMPLETED = 1;
    public static final int CONSUMED = 2;

    private static final VarHandle FANIN;
    private static final VarHandle SUBTASKS;
    private static final VarHandle NEXT_BLOCK;
    private static final VarHandle PLACED;
    private static final VarHandle FANOUT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            FANIN = l.findVarHandle(TaskSlot.class, "faninRefcount", int.class);
            SUBTASKS = l.findVarHandle(TaskSlot.class, "completedSubtasks", int.class);
            NEXT_BLOCK = l.findVarHandle(TaskSlot.class, "nextBlock", int.class);
            PLACED = l.findVarHandle(TaskSlot.class, "placedBlocks", int.class);
            FANOUT = l.findVarHandle(TaskSlot.class, "fanout", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Fanout word of a fresh task: the scope's reference and the task's own, none released. */
    private static final long FRESH_FANOUT = 2L << 32;

    public final int ring;
    public final int index;

    // ---- the task: written by the orchestrator before publication, read-only until clear() ----
    public long taskId = -1;
    /** The name the user gave, or null: {@link #name()} then builds one from the kernels when asked. */
    public String name;

    public final Kernel[] kernels = new Kernel[3];
    public int activeMask;
    public int shape;
    public int blockNum;
    public boolean syncStart;
    /** The submit's early-resolve hint ({@code TaskSpec.earlyResolve()}): its consumers may be staged early. */
    public boolean earlyResolve;

    /** Early-dispatch state (#1079): published blocks, candidacy, staged subtasks. */
    public final EarlyState early = new EarlyState();

    /** Blocks × active kernel lanes: the FIN count that completes the task. */
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

    // ---- scheduling state: guarded by this slot's monitor (state also read without it) ----
    public volatile int state = PENDING;

    @GuardedBy("this")
    private TaskSlot[] consumers = new TaskSlot[4];

    @GuardedBy("this")
    private int consumerCount;

    // ---- written once per task by the wiring scheduler; see the class comment ----
    private int faninCount;

    // ---- atomic: accessed only through the VarHandles above ----
    /** {@code holders << 32 | released}; see the class comment. */
    @SuppressWarnings("unused")
    private volatile long fanout = FRESH_FANOUT;

    @SuppressWarnings("unused")
    private volatile int faninRefcount;

    @SuppressWarnings("unused")
    private volatile int completedSubtasks;
    /** Next block index to claim; CAS-claimed so concurrent claim paths stay correct. */
    @SuppressWarnings("unused")
    private volatile int nextBlock;
    /** Blocks of a sync-start task whose payloads are written; a cohort posts none before all are placed. */
    @SuppressWarnings("unused")
    private volatile int placedBlocks;

    /** When the task became ready, for the trace: written by whoever made it ready, read by its dispatchers. */
    public volatile long readyNs;

    TaskSlot(int ring, int index) {
        this.ring = ring;
        this.index = index;
    }

    public long taskId() {
        return taskId;
    }

    public int shape() {
        return shape;
    }

    public int blockNum() {
        return blockNum;
    }

    public boolean syncStart() {
        return syncStart;
    }

    public boolean earlyResolve() {
        return earlyResolve;
    }

    public int activeMask() {
        return activeMask;
    }

    public Kernel kernel(int lane) {
        return kernels[lane];
    }

    public int state() {
        return state;
    }

    public long readyNs() {
        return readyNs;
    }

    /**
     * The name shown in traces and errors: the user's, else the kernel names joined by '+' (as
     * {@code TaskSpec.displayName()}). Built on demand: most tasks are never named anywhere.
     */
    public String name() {
        if (name != null) return name;
        StringBuilder sb = new StringBuilder();
        for (Kernel k : kernels) {
            if (k == null) continue;
            if (!sb.isEmpty()) sb.append('+');
            sb.append(k.name());
        }
        return sb.isEmpty() ? "dummy" : sb.toString();
    }

    // ---- counters ----

    /**
     * Wiring: the task will wait for {@code producerCount} producers, plus one guard edge that the
     * wiring scheduler satisfies only after it has asked every producer, so completions racing
     * with the wiring cannot make the task ready early or twice. Returns the fan-in target.
     */
    public int beginWiring() {
        return faninCount = producerCount + 1;
    }

    /** Adds {@code n} satisfied fan-in edges; true when that made the task ready (exactly one caller sees true). */
    public boolean satisfyFanin(int n) {
        return (int) FANIN.getAndAdd(this, n) + n == faninCount;
    }

    /** The fan-in target, for diagnostics. */
    public int faninCount() {
        return faninCount;
    }

    public int faninRefcount() {
        return (int) FANIN.getVolatile(this);
    }

    /** One subtask (block × kernel slot) finished; returns how many have. */
    public int finishSubtask() {
        return (int) SUBTASKS.getAndAdd(this, 1) + 1;
    }

    public int completedSubtasks() {
        return (int) SUBTASKS.getVolatile(this);
    }

    /** Next block index to claim. */
    public int nextBlock() {
        return (int) NEXT_BLOCK.getVolatile(this);
    }

    /** A block of this sync-start task has its payloads written. */
    public void blockPlaced() {
        PLACED.getAndAdd(this, 1);
    }

    public int placedBlocks() {
        return (int) PLACED.getVolatile(this);
    }

    /** Blocks not yet claimed. */
    public int unclaimedBlocks() {
        return Math.max(0, blockNum - nextBlock());
    }

    /**
     * Atomically claims up to {@code max} consecutive blocks. Returns {@code first << 32 | count}
     * (packed to stay allocation-free), or -1 when every block is already claimed.
     */
    public long claimBlocks(int max) {
        while (true) {
            int next = nextBlock();
            int n = Math.min(max, blockNum - next);
            if (n <= 0) return -1;
            if (NEXT_BLOCK.compareAndSet(this, next, next + n)) return ((long) next << 32) | n;
        }
    }

    /** Benchmarks: makes every block claimable again once all were claimed. */
    public void rewindClaims() {
        NEXT_BLOCK.compareAndSet(this, blockNum, 0);
    }

    // ---- fanout ----

    /** Orchestrator: count a new consumer unless this task is already consumed (then: no edge). */
    public boolean retainForConsumer() {
        while (true) {
            long w = (long) FANOUT.getVolatile(this);
            if (holders(w) == released(w)) return false;
            if (FANOUT.compareAndSet(this, w, w + (1L << 32))) return true;
        }
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

    /** Copies the consumers registered so far into {@code out} (grown if needed) and returns how many. */
    public synchronized int consumers(TaskSlot[][] out) {
        if (out[0].length < consumerCount) out[0] = new TaskSlot[Integer.highestOneBit(consumerCount) << 1];
        System.arraycopy(consumers, 0, out[0], 0, consumerCount);
        return consumerCount;
    }

    /** Marks a task that never runs (allocation task) COMPLETED. */
    public synchronized void markCompleted() {
        state = COMPLETED;
    }

    /** One holder let go; returns true when this made the task CONSUMED. */
    public boolean release() {
        long w = (long) FANOUT.getAndAdd(this, 1L) + 1;
        if (released(w) != holders(w)) return false;
        if (state != COMPLETED) {
            // the task's own reference is released only after completion: this is a bookkeeping bug
            throw new IllegalStateException(this + " released by every holder before it completed");
        }
        state = CONSUMED;
        return true;
    }

    public int fanoutCount() {
        return holders((long) FANOUT.getVolatile(this));
    }

    public int fanoutRefcount() {
        return released((long) FANOUT.getVolatile(this));
    }

    private static int holders(long w) {
        return (int) (w >>> 32);
    }

    private static int released(long w) {
        return (int) w;
    }

    /**
     * Orchestrator: start a new task in this slot. The watermark has passed the previous one and
     * {@link #clear} emptied it, so only the new task is written here.
     */
    void prepare(long id) {
        taskId = id;
        // the scope's reference, and the task's own until its completion has released its
        // producers: otherwise a scope ending between completion and that deferred release
        // could consume the task and let its slot be reused under the release
        FANOUT.setRelease(this, FRESH_FANOUT);
        state = PENDING;
    }

    /**
     * The ring's watermark is passing this consumed slot: drop every reference it holds and zero
     * its counters, on the thread that consumed it (its lines are still in that CPU's cache) instead
     * of in the orchestrator's next submit. Called before the watermark is published, so the
     * orchestrator sees a clean slot when it reuses it. Identity ({@code taskId}) and {@code state}
     * stay: lookups still recognise the retired task until the slot is reused.
     */
    void clear() {
        synchronized (this) {
            Arrays.fill(consumers, 0, consumerCount, null);
            consumerCount = 0;
        }
        Arrays.fill(producers, 0, producerCount, null);
        producerCount = 0;
        Arrays.fill(tensors, 0, tensorCount, null);
        tensorCount = 0;
        scalarCount = 0;
        name = null;
        kernels[0] = kernels[1] = kernels[2] = null;
        faninCount = 0;
        FANIN.setRelease(this, 0);
        SUBTASKS.setRelease(this, 0);
        NEXT_BLOCK.setRelease(this, 0);
        PLACED.setRelease(this, 0);
        early.clear();
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
        return "task " + TaskIds.format(taskId) + " '" + name() + "'";
    }
}
