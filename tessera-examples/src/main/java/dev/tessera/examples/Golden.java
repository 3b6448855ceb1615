package dev.tessera.examples;

import dev.tessera.api.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/** Element-wise comparison of a tensor with its expected values. */
public final class Golden {
    /** How many mismatches a verdict lists; the count covers all of them. */
    public static final int REPORTED_MISMATCHES = 8;

    private Golden() {}

    /**
     * Compares every element of {@code actual} (row-major over the view) with {@code expected},
     * passing where {@code |a - e| <= atol + rtol * |e|}. The SPMD suite uses {@code 0, 0}: the
     * values are small integers, so any difference is a real error.
     */
    public static Verdict compare(String name, Tensor actual, float[] expected, double rtol, double atol) {
        return compare(name, actual, expected.length, i -> expected[i], rtol, atol);
    }

    /**
     * As {@link #compare(String, Tensor, float[], double, double)}, against a golden kept in double
     * (the workloads' goldens are computed in double and compared without rounding them first).
     */
    public static Verdict compare(String name, Tensor actual, double[] expected, double rtol, double atol) {
        return compare(name, actual, expected.length, i -> expected[i], rtol, atol);
    }

    /** Exact comparison (RTOL = ATOL = 0). */
    public static Verdict exact(String name, Tensor actual, float[] expected) {
        return compare(name, actual, expected, 0, 0);
    }

    private static Verdict compare(
            String name, Tensor actual, int n, IntToDoubleFunction expected, double rtol, double atol) {
        if (actual.numel() != n) {
            throw new IllegalArgumentException(name + " has " + actual.numel() + " elements, golden has " + n);
        }
        long bad = 0;
        List<Verdict.Mismatch> first = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = actual.getRaw(actual.linearOffset(i));
            double e = expected.applyAsDouble(i);
            // NaN never compares equal, so a NaN in the output always counts as a mismatch.
            if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
                bad++;
                if (first.size() < REPORTED_MISMATCHES) first.add(new Verdict.Mismatch(name, i, e, a));
            }
        }
        return new Verdict(n, bad, first);
    }
}
