package dev.tessera.profiling;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many records a recorder may allocate. A traced run keeps every subtask and task in memory,
 * and turning them into a {@link Trace}, statistics and files costs several times more than the
 * recording itself (measured: about 470 bytes per subtask with its task, from recording through
 * the statistics), so a run
 * of millions of blocks can run every kernel and then die of {@code OutOfMemoryError} while its
 * trace is built. A budget refuses the segment that would pass the limit instead: the recorder
 * drops what no longer fits and reports, once, so the run can fail early with a clear error.
 *
 * <p>Reserved only when a segment is allocated (rare: segments double), never per record.
 */
public final class TraceBudget {
    /**
     * Heap allowed per allocated record (a subtask or a task). Generous on purpose: segments
     * double, so up to half of what is allocated may be unused, and the build's transients come on
     * top; a budget that errs refuses a run that might have fit, never the other way round.
     */
    public static final long BYTES_PER_RECORD = 512;
    /** No limit: tests and tools that build traces of known size. */
    public static final TraceBudget UNLIMITED = new TraceBudget(Long.MAX_VALUE, () -> {});

    private final long maxRecords;
    private final Runnable onExceeded;
    private final AtomicLong reserved = new AtomicLong();
    private volatile boolean exceeded;

    /** @param onExceeded called once, by the thread whose segment was refused; must not block */
    public TraceBudget(long maxRecords, Runnable onExceeded) {
        if (maxRecords < 1)
            throw new IllegalArgumentException("a trace budget needs at least one record, got " + maxRecords);
        this.maxRecords = maxRecords;
        this.onExceeded = Objects.requireNonNull(onExceeded, "onExceeded");
    }

    /** A budget of half of this JVM's maximum heap. */
    public static TraceBudget halfTheHeap(Runnable onExceeded) {
        return new TraceBudget(Math.max(1, Runtime.getRuntime().maxMemory() / 2 / BYTES_PER_RECORD), onExceeded);
    }

    /** Takes {@code records} from the budget; false (and the report, the first time) when they do not fit. */
    boolean reserve(int records) {
        if (exceeded) return false;
        if (reserved.addAndGet(records) <= maxRecords) return true;
        reserved.addAndGet(-records);
        if (!exceeded) {
            exceeded = true;
            onExceeded.run();
        }
        return false;
    }

    /** Gives back records reserved for a segment that was not kept. */
    void release(int records) {
        reserved.addAndGet(-records);
    }

    public long maxRecords() {
        return maxRecords;
    }

    /** Whether a segment was refused: the recorded trace is incomplete. */
    public boolean exceeded() {
        return exceeded;
    }
}
