package dev.tessera.sweep.summary;

import java.util.Arrays;

/**
 * The values of one figure for one policy on one workload (one per seed, typically), sorted, with
 * the order statistics the summary and the box plots show. Percentiles interpolate linearly between
 * the closest ranks (the common "type 7" definition: p10 of 1..11 is 2), so they are exact for the
 * values at hand and the same wherever they are computed.
 */
public record Distribution(double[] sorted) {
    public Distribution {
        sorted = sorted.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) throw new IllegalArgumentException("no values");
    }

    public static Distribution of(double... values) {
        return new Distribution(values);
    }

    public int n() {
        return sorted.length;
    }

    /** The {@code p}-th quantile, {@code 0 <= p <= 1}. */
    public double quantile(double p) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("quantile " + p);
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public double median() {
        return quantile(0.5);
    }

    public double p10() {
        return quantile(0.1);
    }

    public double p90() {
        return quantile(0.9);
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    @Override
    public double[] sorted() {
        return sorted.clone();
    }
}
