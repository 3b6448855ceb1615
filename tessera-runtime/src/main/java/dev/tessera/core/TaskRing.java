package dev.tessera.core;

import dev.tessera.api.TaskIds;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One ring (spec §3.7–3.8): a window of task slots and a circular output heap. The orchestrator
 * allocates from the head; schedulers retire from the tail by advancing {@code lastTaskAlive} over
 * CONSUMED slots. A slot is reused only after every older slot of its ring was consumed.
 */
public final class TaskRing {
    public final int id;
    private final int window;
    private final int mask;
    private final TaskSlot[] slots;
    private final long heapSize;
    private final Arena arena;
    private MemorySegment heap;

    /** Orchestrator-owned allocation head. */
    private long nextLocal;

    private volatile long published;
    private volatile long lastTaskAlive;
    private final AtomicBoolean advancing = new AtomicBoolean();

    // heap state, orchestrator-owned
    private long heapTop;
    private long heapTail;
    private long tailSyncedAt;

    public TaskRing(int id, int window, long heapSize, Arena arena) {
        this.id = id;
        this.window = window;
        this.mask = window - 1;
        this.slots = new TaskSlot[window];
        this.heapSize = heapSize;
        this.arena = arena;
    }

    public int window() {
        return window;
    }

    public long heapSize() {
        return heapSize;
    }

    public long lastTaskAlive() {
        return lastTaskAlive;
    }
    /** Tasks ever allocated in this ring. */
    public long allocated() {
        return published;
    }

    public long alive() {
        return published - lastTaskAlive;
    }

    public TaskSlot slot(long local) {
        return slots[(int) (local & mask)];
    }

    /** The live slot of {@code taskId}, or null when that task has retired or never existed. */
    public TaskSlot liveSlot(long local) {
        if (local < lastTaskAlive || local >= published) return null;
        TaskSlot s = slots[(int) (local & mask)];
        return s != null && s.taskId == TaskIds.of(id, local) ? s : null;
    }

    /** True when one more task fits in the window: at most window-1 tasks are alive. */
    public boolean hasSlot() {
        return nextLocal - lastTaskAlive + 1 < window;
    }

    /** Bytes of heap in use, as the orchestrator last saw the tail. */
    public long heapUsed() {
        syncHeapTail();
        return heapTop >= heapTail ? heapTop - heapTail : heapSize - heapTail + heapTop;
    }

    /**
     * Reserves heap for {@code size} bytes (already aligned) following the reference's circular
     * rule: allocations never straddle the end. Returns the offset, or -1 when it does not fit now.
     */
    public long tryBumpHeap(long size) {
        syncHeapTail();
        if (size == 0) return heapTop;
        if (heapTop >= heapTail) {
            if (heapSize - heapTop >= size) {
                long at = heapTop;
                heapTop += size;
                return at;
            }
            if (heapTail > size) {
                heapTop = size;
                return 0;
            }
            return -1;
        }
        if (heapTail - heapTop > size) {
            long at = heapTop;
            heapTop += size;
            return at;
        }
        return -1;
    }

    private void syncHeapTail() {
        long lta = lastTaskAlive;
        if (lta != tailSyncedAt) {
            tailSyncedAt = lta;
            heapTail = lta == 0 ? 0 : slot(lta - 1).heapEnd;
            if (lta == nextLocal) {
                // empty ring: restart at the bottom so big allocations are not split by the end
                heapTop = heapTail = 0;
            }
        }
    }

    /** Takes the next slot (caller checked {@link #hasSlot}). */
    public TaskSlot allocateSlot(long heapEnd) {
        long local = nextLocal++;
        int i = (int) (local & mask);
        TaskSlot s = slots[i];
        if (s == null) slots[i] = s = new TaskSlot(id, i);
        s.prepare(TaskIds.of(id, local));
        s.heapEnd = heapEnd;
        published = nextLocal;
        return s;
    }

    public long heapTop() {
        return heapTop;
    }

    public MemorySegment heap() {
        if (heap == null) heap = HeapMemory.allocate(arena, heapSize);
        return heap;
    }

    /**
     * Moves the watermark over consumed slots, clearing each one it passes (as the reference's
     * {@code advance_ring_pointers} does) before publishing the new watermark, so the orchestrator
     * only ever reuses a clean slot.
     *
     * <p>Implementation note: one thread advances at a time, under the {@code advancing} try-lock.
     * A thread that loses the try-lock returns at once; it is the <em>winner</em> that re-checks:
     * after releasing the flag it looks at the slot at the new watermark again and, if that slot is
     * consumed by now, tries to take the flag once more. A slot consumed during the winner's scan
     * is therefore either seen by that scan, or seen by the winner's re-check, or its consumer
     * itself wins the flag (it was released before the re-check read the slot, and the consumer
     * wrote {@code CONSUMED} before trying). The reference's try-lock has no re-check and can leave
     * such a slot behind (spec §3.6); {@code RingAdvanceLincheckTest} checks both.
     */
    public void advance() {
        while (advancing.compareAndSet(false, true)) {
            long lta = lastTaskAlive;
            try {
                long end = published;
                while (lta < end && slot(lta).state == TaskSlot.CONSUMED) {
                    slot(lta).clear();
                    lta++;
                }
                lastTaskAlive = lta;
            } finally {
                advancing.set(false);
            }
            long end = published;
            if (!(lta < end && slot(lta).state == TaskSlot.CONSUMED)) return;
        }
    }

    @Override
    public String toString() {
        return "ring " + id;
    }
}
