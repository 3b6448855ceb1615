package dev.tessera.scheduler;

/**
 * Candidate dispatch targets of one scheduler for one shape and phase, lowest first: local
 * cluster indices for MIX and AIC, local core indices for AIV. Reused across loop iterations.
 */
public final class CoreList {
    private final int[] items;
    private int size;
    private int pos;

    CoreList(int capacity) {
        items = new int[capacity];
    }

    void clear() {
        size = 0;
        pos = 0;
    }

    void add(int item) {
        items[size++] = item;
    }

    /** Targets not yet used. */
    public int remaining() {
        return size - pos;
    }

    /** Takes the lowest remaining target. */
    public int pollFirst() {
        if (pos >= size) throw new IllegalStateException("no dispatch target left");
        return items[pos++];
    }
}
