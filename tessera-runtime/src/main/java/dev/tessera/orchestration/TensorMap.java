package dev.tessera.orchestration;

import dev.tessera.api.Tensor;
import dev.tessera.core.TaskRing;
import dev.tessera.core.TaskSlot;

/**
 * The last writers of every tracked tensor region (spec §3.4), owned by the orchestrator.
 *
 * <p>Entries hash by buffer so all views of one buffer meet in one bucket. An entry whose producer
 * has retired is skipped by lookups and freed when its ring's watermark passes it. The entry pool
 * is bounded: when it is full the orchestrator waits for retirements (back-pressure) instead of
 * aborting as the reference does.
 */
public final class TensorMap {
    static final class Entry {
        long key;
        Tensor view;
        TaskSlot producer;
        long producerId;
        int ring;
        long local;
        /** Written by an ACCUMULATE argument: other accumulators of the region do not wait for it. */
        boolean accumulate;

        Entry bucketPrev, bucketNext;
        Entry taskPrev, taskNext;
    }

    private final Entry[] buckets;
    private final int bucketShift;
    private final int capacity;
    private final Entry[][] taskHeads;
    private final int slotMask;
    private final long[] cleanedUpTo;
    private final TaskRing[] rings;
    private Entry free;
    private int created;
    private int live;

    public TensorMap(TaskRing[] rings, int capacity, int window) {
        this.rings = rings;
        this.capacity = capacity;
        int nb = Math.max(64, Integer.highestOneBit(Math.min(capacity, 1 << 16)));
        this.buckets = new Entry[nb];
        this.bucketShift = 64 - Integer.numberOfTrailingZeros(nb);
        this.taskHeads = new Entry[rings.length][window];
        this.slotMask = window - 1;
        this.cleanedUpTo = new long[rings.length];
    }

    public int live() {
        return live;
    }

    public int capacity() {
        return capacity;
    }

    public int free() {
        return capacity - live;
    }

    private int bucket(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> bucketShift);
    }

    /**
     * Adds every live writer overlapping {@code t} as a producer of {@code consumer}. For INOUT,
     * a writer whose region the new access fully covers is retired from the map: later readers
     * depend on the new writer, which already depends on it.
     */
    public int lookup(Tensor t, boolean inout, TaskSlot consumer) {
        return lookup(t, inout, false, consumer);
    }

    /**
     * The producers of a task accumulating into {@code t} (ArgTag.ACCUMULATE): every live overlapping
     * writer except other accumulators, so the accumulators since the last plain write run in any
     * order among themselves. Removes nothing: later readers must find every accumulator.
     */
    public int lookupForAccumulate(Tensor t, TaskSlot consumer) {
        return lookup(t, false, true, consumer);
    }

    private int lookup(Tensor t, boolean inout, boolean accumulating, TaskSlot consumer) {
        long key = t.bufferKey();
        int found = 0;
        Entry e = buckets[bucket(key)];
        while (e != null) {
            Entry next = e.bucketNext;
            if (e.key == key) {
                if (accumulating && e.accumulate && isLive(e)) {
                    e = next;
                    continue;
                }
                if (!isLive(e)) {
                    remove(e);
                } else {
                    int o = Overlap.check(t, e.view);
                    if (o != Overlap.NONE) {
                        consumer.addProducer(e.producer);
                        found++;
                        if (inout && o == Overlap.COVERED) remove(e);
                    }
                }
            }
            e = next;
        }
        return found;
    }

    /** Same as {@link #lookup} without changing the map: the writers a reader of {@code t} waits for. */
    public void writersOf(Tensor t, java.util.List<TaskSlot> out) {
        long key = t.bufferKey();
        for (Entry e = buckets[bucket(key)]; e != null; e = e.bucketNext) {
            if (e.key == key && isLive(e) && Overlap.check(t, e.view) != Overlap.NONE) out.add(e.producer);
        }
    }

    /** The writers an accumulator of {@code t} waits for: as {@link #writersOf}, without other accumulators. */
    public void plainWritersOf(Tensor t, java.util.List<TaskSlot> out) {
        long key = t.bufferKey();
        for (Entry e = buckets[bucket(key)]; e != null; e = e.bucketNext) {
            if (e.key == key && !e.accumulate && isLive(e) && Overlap.check(t, e.view) != Overlap.NONE)
                out.add(e.producer);
        }
    }

    private boolean isLive(Entry e) {
        return rings[e.ring].liveSlot(e.local) == e.producer && e.producer.taskId() == e.producerId;
    }

    /** Records {@code producer} as the newest writer of {@code t}; the caller ensured a free entry. */
    public void insert(Tensor t, TaskSlot producer) {
        insert(t, producer, false);
    }

    /** As {@link #insert(Tensor, TaskSlot)}; {@code accumulate} marks a write made by an ACCUMULATE argument. */
    public void insert(Tensor t, TaskSlot producer, boolean accumulate) {
        Entry e = take();
        e.accumulate = accumulate;
        e.key = t.bufferKey();
        e.view = t;
        e.producer = producer;
        e.producerId = producer.taskId();
        e.ring = producer.ring;
        e.local = dev.tessera.api.TaskIds.local(producer.taskId());
        int b = bucket(e.key);
        e.bucketNext = buckets[b];
        if (e.bucketNext != null) e.bucketNext.bucketPrev = e;
        buckets[b] = e;
        Entry[] heads = taskHeads[e.ring];
        int s = producer.index;
        e.taskNext = heads[s];
        if (e.taskNext != null) e.taskNext.taskPrev = e;
        heads[s] = e;
        live++;
    }

    private Entry take() {
        if (free != null) {
            Entry e = free;
            free = e.bucketNext;
            e.bucketNext = null;
            return e;
        }
        if (created >= capacity) throw new IllegalStateException("TensorMap full: caller must wait for room");
        created++;
        return new Entry();
    }

    private void remove(Entry e) {
        if (e.bucketPrev != null) e.bucketPrev.bucketNext = e.bucketNext;
        else buckets[bucket(e.key)] = e.bucketNext;
        if (e.bucketNext != null) e.bucketNext.bucketPrev = e.bucketPrev;
        if (e.taskPrev != null) e.taskPrev.taskNext = e.taskNext;
        else {
            Entry[] heads = taskHeads[e.ring];
            int s = (int) (e.local & slotMask);
            if (heads[s] == e) heads[s] = e.taskNext;
        }
        if (e.taskNext != null) e.taskNext.taskPrev = e.taskPrev;
        e.view = null;
        e.producer = null;
        e.bucketPrev = e.taskPrev = e.taskNext = null;
        e.bucketNext = free;
        free = e;
        live--;
    }

    /** Frees the entries of every task of {@code ring} the watermark has passed since last time. */
    public void sync(int ring) {
        long lta = rings[ring].lastTaskAlive();
        long from = cleanedUpTo[ring];
        if (from >= lta) return;
        Entry[] heads = taskHeads[ring];
        for (long local = from; local < lta; local++) {
            int s = (int) (local & slotMask);
            Entry e = heads[s];
            while (e != null) {
                Entry next = e.taskNext;
                if (e.local == local) remove(e);
                e = next;
            }
        }
        cleanedUpTo[ring] = lta;
    }

    public void syncAll() {
        for (int r = 0; r < rings.length; r++) sync(r);
    }
}
