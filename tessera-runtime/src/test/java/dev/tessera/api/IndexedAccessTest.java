package dev.tessera.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The fixed-rank element access kernels use ({@code get(i0, i1)}, {@code set(v, i0, i1)},
 * {@code elementOffset(i0, i1)} ...): the same element, bounds and rank checks as the varargs
 * forms, without allocating.
 */
class IndexedAccessTest {
    private static Tensor counting(long... shape) {
        Tensor t = Tensor.allocate(Arena.ofAuto(), DType.FP32, shape);
        for (long i = 0; i < t.numel(); i++) t.setRaw(t.linearOffset(i), i);
        return t;
    }

    @Test
    void fixedRankFormsAgreeWithVarargsOnStridedViews() {
        Tensor v4 = counting(3, 4, 5, 6).slice(3, 1, 6, 2).transpose(0, 2);
        Tensor v3 = counting(4, 5, 6).permute(2, 0, 1).slice(1, 1, 4);
        Tensor v2 = counting(5, 6).transpose(0, 1).slice(1, 0, 5, 2);
        Tensor v1 = counting(20).slice(0, 3, 20, 3);
        for (long a = 0; a < v4.shape(0); a++)
            for (long b = 0; b < v4.shape(1); b++)
                for (long c = 0; c < v4.shape(2); c++)
                    for (long d = 0; d < v4.shape(3); d++) {
                        assertEquals(v4.elementOffset(new long[] {a, b, c, d}), v4.elementOffset(a, b, c, d));
                        assertEquals(v4.get(new long[] {a, b, c, d}), v4.get(a, b, c, d));
                    }
        for (long a = 0; a < v3.shape(0); a++)
            for (long b = 0; b < v3.shape(1); b++)
                for (long c = 0; c < v3.shape(2); c++) {
                    assertEquals(v3.elementOffset(new long[] {a, b, c}), v3.elementOffset(a, b, c));
                    v3.set(-a, a, b, c);
                    assertEquals(-a, v3.get(new long[] {a, b, c}));
                }
        for (long a = 0; a < v2.shape(0); a++)
            for (long b = 0; b < v2.shape(1); b++) {
                assertEquals(v2.get(new long[] {a, b}), v2.get(a, b));
                v2.set(-1, a, b);
                assertEquals(-1, v2.get(new long[] {a, b}));
            }
        for (long a = 0; a < v1.shape(0); a++) {
            assertEquals(v1.elementOffset(new long[] {a}), v1.elementOffset(a));
            assertEquals(3 + 3 * a, v1.get(a));
        }
    }

    @Test
    void fixedRankFormsCheckRankAndBounds() {
        Tensor m = Tensor.allocate(Arena.ofAuto(), DType.INT32, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> m.get(0));
        assertThrows(IllegalArgumentException.class, () -> m.get(0, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> m.set(1, 0, 3));
    }

    @Test
    void fixedRankAccessAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Tensor m = Tensor.allocate(Arena.ofAuto(), DType.FP32, 64, 64);
        double sum = sweep(m); // load and link everything once
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 20; round++) sum += sweep(m);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // 20 × 4096 varargs arrays would be over 2.5 MB; allow a little for the JIT's own doings
        assertTrue(
                allocated < 64 * 1024,
                allocated + " bytes allocated by " + 20 * 64 * 64 + " reads and writes (sum " + sum + ")");
    }

    private static double sweep(Tensor m) {
        double s = 0;
        for (long r = 0; r < m.shape(0); r++) {
            for (long c = 0; c < m.shape(1); c++) {
                m.set(r + c, r, c);
                s += m.get(r, c) + m.getFloat(m.elementOffset(r, c));
            }
        }
        return s;
    }
}
