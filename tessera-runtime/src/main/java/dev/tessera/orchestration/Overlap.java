package dev.tessera.orchestration;

import dev.tessera.api.Tensor;

/**
 * Whether a new access to a tensor region conflicts with a recorded writer's region (spec §3.4).
 *
 * <p>Two levels: a cheap 1-D test on the byte ranges each view spans, then, for views whose
 * strides describe the same row-major grid, an exact per-dimension box test. Anything the exact
 * test cannot decide is OTHER: a dependency, never a missed one.
 */
public final class Overlap {
    /** The regions are disjoint: no dependency. */
    public static final int NONE = 0;
    /** The new access's box contains the writer's box in every dimension. */
    public static final int COVERED = 1;
    /** They overlap, or may: a dependency. */
    public static final int OTHER = 2;

    private Overlap() {}

    public static int check(Tensor input, Tensor entry) {
        if (input.version() > entry.version()) return OTHER;
        // the commonest case (a task chain on one view) needs no geometry: the same elements
        if (input == entry || sameView(input, entry)) return COVERED;
        // compare in bytes: views of one buffer may use different dtypes (element sizes)
        long wa = input.dtype().bytes();
        long wb = entry.dtype().bytes();
        long a0 = input.startOffset() * wa;
        long a1 = a0 + input.extent() * wa;
        long b0 = entry.startOffset() * wb;
        long b1 = b0 + entry.extent() * wb;
        if (a1 <= b0 || b1 <= a0) return NONE;
        return boxes(input, entry);
    }

    private static boolean sameView(Tensor a, Tensor b) {
        int n = a.ndims();
        if (a.startOffset() != b.startOffset() || a.dtype() != b.dtype() || n != b.ndims()) return false;
        for (int i = 0; i < n; i++) if (a.shape(i) != b.shape(i) || a.stride(i) != b.stride(i)) return false;
        return true;
    }

    private static int boxes(Tensor in, Tensor e) {
        int n = in.ndims();
        if (in.dtype() != e.dtype() || n != e.ndims()) return OTHER;
        for (int i = 0; i < n; i++) if (in.stride(i) != e.stride(i)) return OTHER;
        if (in.stride(n - 1) != 1) return OTHER;
        for (int i = 0; i + 1 < n; i++) if (in.stride(i) % in.stride(i + 1) != 0) return OTHER;
        long elems = in.bufferElements();
        if (elems % in.stride(0) != 0) return OTHER;
        long[] offIn = new long[Tensor.MAX_DIMS];
        long[] offE = new long[Tensor.MAX_DIMS];
        long remIn = in.startOffset();
        long remE = e.startOffset();
        for (int i = 0; i < n; i++) {
            long ref = i == 0 ? elems / in.stride(0) : in.stride(i - 1) / in.stride(i);
            offIn[i] = remIn / in.stride(i);
            offE[i] = remE / e.stride(i);
            remIn %= in.stride(i);
            remE %= e.stride(i);
            if (offIn[i] + in.shape(i) > ref || offE[i] + e.shape(i) > ref) return OTHER;
        }
        if (remIn != 0 || remE != 0) return OTHER;
        boolean covers = true;
        for (int i = 0; i < n; i++) {
            long endIn = offIn[i] + in.shape(i);
            long endE = offE[i] + e.shape(i);
            if (endIn <= offE[i] || endE <= offIn[i]) return NONE;
            if (offIn[i] > offE[i] || endIn < endE) covers = false;
        }
        return covers ? COVERED : OTHER;
    }
}
