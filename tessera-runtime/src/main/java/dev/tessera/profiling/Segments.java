package dev.tessera.profiling;

/**
 * Index arithmetic for a growable array made of segments that double in size: segment 0 holds
 * {@code base} entries, segment 1 {@code 2·base}, segment k {@code base·2^k}. Segments never move
 * once allocated, so a writer can grow the array while another thread keeps writing into an older
 * segment, and 32 segment slots cover every int index: the directory itself never grows.
 */
final class Segments {
    /** Enough segments for any non-negative int index, whatever the base. */
    static final int MAX = 32;

    private final int base;
    private final int shift;

    /** {@code capacity} is rounded up to a power of two (at least 16) to become the base. */
    Segments(int capacity) {
        int b = Math.max(16, Integer.highestOneBit(Math.max(1, capacity - 1)) << 1);
        if (b <= 0) throw new IllegalArgumentException("capacity too large: " + capacity);
        this.base = b;
        this.shift = Integer.numberOfTrailingZeros(b);
    }

    int base() {
        return base;
    }

    /** Segment holding {@code index}: floor(log2(index/base + 1)). */
    int segment(int index) {
        long shifted = (long) index + base;
        return 63 - Long.numberOfLeadingZeros(shifted) - shift;
    }

    /** Position of {@code index} inside its segment. */
    int offset(int index, int segment) {
        return (int) ((long) index + base - ((long) base << segment));
    }

    /** {@code base·2^segment}, cut short where the int index range ends so the array size fits an int. */
    int size(int segment) {
        long first = (long) base * ((1L << segment) - 1);
        return (int) Math.min((long) base << segment, (1L << 31) - first);
    }
}
