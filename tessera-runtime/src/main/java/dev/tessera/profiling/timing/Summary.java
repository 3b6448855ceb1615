package dev.tessera.profiling.timing;

import java.util.List;
import java.util.Locale;

/**
 * Count, mean, median, min and max of one figure's values in nanoseconds; all 0 when there are
 * none. The median is the lower middle value for an even count, so it is always a value the run
 * had (a recorded duration, not an average of two).
 */
public record Summary(int count, double meanNs, long medianNs, long minNs, long maxNs) {
    static final Summary EMPTY = new Summary(0, 0, 0, 0, 0);

    public static Summary of(List<Long> values) {
        if (values.isEmpty()) return EMPTY;
        long sum = 0, min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (long x : values) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return new Summary(values.size(), (double) sum / values.size(), lowerMedian(values), min, max);
    }

    /** The lower middle of {@code values} once sorted; the caller makes sure there is one. */
    static long lowerMedian(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return v[(v.length - 1) / 2];
    }

    /** {@code "mean 8.03 µs, max 42.40 µs (44)"}, or {@code "none"}: one console line's value. */
    public String text() {
        return count == 0
                ? "none"
                : String.format(Locale.ROOT, "mean %.2f µs, max %.2f µs (%d)", meanNs / 1e3, maxNs / 1e3, count);
    }
}
