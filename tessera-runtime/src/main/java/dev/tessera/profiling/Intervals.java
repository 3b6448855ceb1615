package dev.tessera.profiling;

import java.util.Arrays;

/**
 * A set of half-open time intervals {@code [start, end)}, kept sorted and disjoint, with the two
 * measures the statistics need: total length and length of overlap with another set.
 */
final class Intervals {
    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int size;
    private boolean normalised = true;

    /** Adds {@code [start, end)} clipped to {@code [0, limit)}; empty or unknown intervals are ignored. */
    void add(long start, long end, long limit) {
        long s = Math.max(0, start), e = Math.min(end, limit);
        if (start == Trace.NONE || end == Trace.NONE || e <= s) return;
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        starts[size] = s;
        ends[size] = e;
        size++;
        normalised = false;
    }

    /** Total time covered, counting overlapping intervals once. */
    long length() {
        normalise();
        long total = 0;
        for (int i = 0; i < size; i++) total += ends[i] - starts[i];
        return total;
    }

    /** Time covered by both this set and {@code other}. */
    long overlap(Intervals other) {
        normalise();
        other.normalise();
        long total = 0;
        int i = 0, j = 0;
        while (i < size && j < other.size) {
            long lo = Math.max(starts[i], other.starts[j]);
            long hi = Math.min(ends[i], other.ends[j]);
            if (hi > lo) total += hi - lo;
            if (ends[i] < other.ends[j]) i++;
            else j++;
        }
        return total;
    }

    /** Sorts by start and merges overlapping or touching intervals. */
    private void normalise() {
        if (normalised) return;
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) order[i] = i;
        final long[] s0 = starts;
        Arrays.sort(order, (a, b) -> Long.compare(s0[a], s0[b]));
        long[] ns = new long[Math.max(8, size)], ne = new long[Math.max(8, size)];
        int n = 0;
        for (int k = 0; k < size; k++) {
            long s = starts[order[k]], e = ends[order[k]];
            if (n > 0 && s <= ne[n - 1]) {
                ne[n - 1] = Math.max(ne[n - 1], e);
            } else {
                ns[n] = s;
                ne[n] = e;
                n++;
            }
        }
        starts = ns;
        ends = ne;
        size = n;
        normalised = true;
    }
}
