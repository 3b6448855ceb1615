package dev.tessera.bench;

import java.util.Arrays;

/** Order statistics of a small sample. */
final class Stats {
    private Stats() {}

    static double median(double[] xs) {
        return quantile(xs, 0.5);
    }

    /** Linear-interpolated quantile, {@code q} in [0, 1]. */
    static double quantile(double[] xs, double q) {
        if (xs.length == 0) return Double.NaN;
        double[] s = xs.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    static double min(double[] xs) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : xs) m = Math.min(m, x);
        return m;
    }
}
