package dev.tessera.platform.sim;

import java.util.Arrays;

/**
 * A binary min-heap of primitive longs: the instants at which a scheduler's cores change what
 * their status registers show. Only the baton holder touches it, so it needs no locking.
 */
final class LongMinHeap {
    private long[] heap = new long[16];
    private int size;

    void add(long v) {
        if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= v) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = v;
    }

    /** The smallest value greater than {@code t}, dropping all values ≤ t; {@code Long.MAX_VALUE} if none. */
    long nextAfter(long t) {
        while (size > 0 && heap[0] <= t) removeMin();
        return size == 0 ? Long.MAX_VALUE : heap[0];
    }

    int size() {
        return size;
    }

    private void removeMin() {
        long last = heap[--size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && heap[child + 1] < heap[child]) child++;
            if (heap[child] >= last) break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
    }
}
