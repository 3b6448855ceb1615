package dev.tessera.orchestration;

import static dev.tessera.orchestration.Overlap.COVERED;
import static dev.tessera.orchestration.Overlap.NONE;
import static dev.tessera.orchestration.Overlap.OTHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.DType;
import dev.tessera.api.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The overlap rules of spec §3.4, as a table: (new access, recorded writer) → NONE / COVERED / OTHER.
 *
 * <p>Every row is also checked against the bytes the two views really touch: NONE must mean
 * disjoint, COVERED must mean the writer's bytes lie inside the new access's.
 */
class OverlapTest {
    private static final Arena ARENA = Arena.ofShared();
    /** 8x8 fp32. */
    private static final MemorySegment SEG = ARENA.allocate(64 * 4, 64);

    private static final Tensor M = Tensor.external(SEG, DType.FP32, 8, 8);
    private static final Tensor FLAT = M.reshape(64);
    /** 4x4x4 fp32. */
    private static final Tensor CUBE = Tensor.allocate(ARENA, DType.FP32, 4, 4, 4);
    /** A 3x4 buffer: 12 elements, not a multiple of the row stride of a 2-row-step slice (8). */
    private static final Tensor ODD = Tensor.allocate(ARENA, DType.FP32, 3, 4);

    @AfterAll
    static void closeArena() {
        ARENA.close();
    }

    private static Tensor box(long r0, long c0, long rows, long cols) {
        return M.view(new long[] {rows, cols}, new long[] {r0, c0});
    }

    private static Tensor flat(long from, long to) {
        return FLAT.slice(0, from, to);
    }

    private static Tensor cube(long[] off, long[] shape) {
        return CUBE.view(shape, off);
    }

    private static Arguments row(String name, Supplier<Tensor> input, Supplier<Tensor> entry, int expected) {
        return Arguments.of(name, input.get(), entry.get(), expected);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // 1-D ranges
                row("disjoint 1-D ranges", () -> flat(0, 10), () -> flat(10, 20), NONE),
                row("disjoint 1-D ranges, reversed", () -> flat(10, 20), () -> flat(0, 10), NONE),
                row("partially overlapping 1-D ranges", () -> flat(0, 10), () -> flat(9, 20), OTHER),
                row("1-D range covering another", () -> flat(0, 32), () -> flat(8, 16), COVERED),
                row("1-D range inside another", () -> flat(8, 16), () -> flat(0, 32), OTHER),
                // identical views
                row("same 2-D view", () -> box(2, 2, 3, 3), () -> box(2, 2, 3, 3), COVERED),
                row("same whole tensor", () -> M, () -> M, COVERED),
                // boxes
                row("input covers the entry's sub-box", () -> box(0, 0, 4, 4), () -> box(1, 1, 2, 2), COVERED),
                row("entry covers the input's sub-box", () -> box(1, 1, 2, 2), () -> box(0, 0, 4, 4), OTHER),
                row("input covers the entry, equal rows", () -> box(2, 0, 2, 8), () -> box(2, 3, 2, 4), COVERED),
                row("partial 2-D overlap", () -> box(0, 0, 4, 4), () -> box(2, 2, 4, 4), OTHER),
                row("sharing one corner element", () -> box(0, 0, 3, 3), () -> box(2, 2, 3, 3), OTHER),
                row("disjoint rows, disjoint in 1-D as well", () -> box(0, 0, 2, 8), () -> box(2, 0, 2, 8), NONE),
                row("left and right halves interleave in 1-D", () -> box(0, 0, 8, 4), () -> box(0, 4, 8, 4), NONE),
                row("disjoint columns of overlapping row bands", () -> box(0, 0, 3, 4), () -> box(2, 4, 3, 4), NONE),
                row("column blocks inside the same rows", () -> box(1, 0, 6, 2), () -> box(3, 2, 2, 2), NONE),
                // strided slices
                row(
                        "even rows vs odd rows (same grid, stride 16)",
                        () -> M.slice(0, 0, 8, 2),
                        () -> M.slice(0, 1, 8, 2),
                        NONE),
                row("even rows vs the same even rows", () -> M.slice(0, 0, 8, 2), () -> M.slice(0, 0, 8, 2), COVERED),
                row(
                        "even rows vs rows 2..4 of the same slice",
                        () -> M.slice(0, 0, 8, 2),
                        () -> M.slice(0, 0, 8, 2).slice(0, 1, 3),
                        COVERED),
                row(
                        "even rows vs a plain row band (different strides)",
                        () -> M.slice(0, 0, 8, 2),
                        () -> box(1, 0, 1, 8),
                        OTHER),
                row(
                        "even columns vs odd columns (last stride 2)",
                        () -> M.slice(1, 0, 8, 2),
                        () -> M.slice(1, 1, 8, 2),
                        OTHER),
                // identical views touch exactly the same elements: COVERED, even off the row-major grid
                // where the reference answers OTHER (a deliberate difference: an INOUT rewrite of the
                // same strided view retires the older writer instead of keeping both entries)
                row("even columns vs themselves", () -> M.slice(1, 0, 8, 2), () -> M.slice(1, 0, 8, 2), COVERED),
                row(
                        "row-step slice of a buffer its stride does not divide",
                        () -> ODD.slice(0, 0, 3, 2).slice(1, 0, 2),
                        () -> ODD.slice(0, 0, 3, 2).slice(1, 2, 4),
                        OTHER),
                // transposes
                row("transpose vs itself", () -> M.transpose(0, 1), () -> M.transpose(0, 1), COVERED),
                row("transpose vs the plain tensor", () -> M.transpose(0, 1), () -> M, OTHER),
                row(
                        "transposed sub-box vs disjoint transposed sub-box",
                        () -> box(0, 0, 2, 8).transpose(0, 1),
                        () -> box(4, 0, 2, 8).transpose(0, 1),
                        NONE),
                row(
                        "transposed disjoint columns still overlap in 1-D",
                        () -> box(0, 0, 8, 4).transpose(0, 1),
                        () -> box(0, 4, 8, 4).transpose(0, 1),
                        OTHER),
                // reshapes
                row(
                        "reshaped row band vs the whole matrix (strides differ)",
                        () -> box(2, 0, 2, 8).reshape(4, 4),
                        () -> M,
                        OTHER),
                row(
                        "reshaped row band vs disjoint rows",
                        () -> box(2, 0, 2, 8).reshape(4, 4),
                        () -> box(5, 0, 2, 8),
                        NONE),
                // dtypes and ndims
                row(
                        "different dtype, overlapping elements",
                        () -> int32Alias().reshape(8, 8).view(new long[] {2, 2}, new long[] {0, 0}),
                        () -> box(0, 0, 2, 2),
                        OTHER),
                row(
                        "different element size: int16 elements 8..12 are fp32 elements 4..6",
                        () -> int16Alias().slice(0, 8, 12),
                        () -> flat(4, 6),
                        OTHER),
                row(
                        "different element size, really disjoint bytes",
                        () -> int16Alias().slice(0, 0, 8),
                        () -> flat(4, 6),
                        NONE),
                row("different ndims, 1-D covering a 2-D box", () -> flat(0, 16), () -> box(0, 0, 2, 8), OTHER),
                row("different ndims, disjoint ranges", () -> flat(0, 16), () -> box(4, 0, 2, 8), NONE),
                // 3-D
                row(
                        "3-D boxes disjoint in the middle dimension",
                        () -> cube(new long[] {0, 0, 0}, new long[] {4, 2, 4}),
                        () -> cube(new long[] {1, 2, 0}, new long[] {2, 2, 4}),
                        NONE),
                row(
                        "3-D box covering another",
                        () -> cube(new long[] {0, 1, 1}, new long[] {4, 3, 3}),
                        () -> cube(new long[] {1, 2, 1}, new long[] {2, 1, 2}),
                        COVERED),
                row(
                        "3-D boxes overlapping partially",
                        () -> cube(new long[] {0, 0, 0}, new long[] {2, 2, 2}),
                        () -> cube(new long[] {1, 1, 1}, new long[] {2, 2, 2}),
                        OTHER),
                // versions
                row("newer version, disjoint", () -> box(0, 0, 2, 8).withVersion(1), () -> box(4, 0, 2, 8), OTHER),
                row("newer version, same view", () -> box(0, 0, 2, 8).withVersion(1), () -> box(0, 0, 2, 8), OTHER),
                row(
                        "older version, disjoint",
                        () -> box(0, 0, 2, 8),
                        () -> box(4, 0, 2, 8).withVersion(1),
                        NONE),
                row(
                        "older version, covering",
                        () -> box(0, 0, 2, 8),
                        () -> box(0, 0, 1, 8).withVersion(1),
                        COVERED),
                row(
                        "equal versions, covering",
                        () -> box(0, 0, 2, 8).withVersion(2),
                        () -> box(0, 0, 1, 8).withVersion(2),
                        COVERED));
    }

    private static Tensor int32Alias() {
        return Tensor.external(SEG, DType.INT32, 64);
    }

    private static Tensor int16Alias() {
        return Tensor.external(SEG, DType.INT16, 128);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void overlapTable(String name, Tensor input, Tensor entry, int expected) {
        assertEquals(input.bufferKey(), entry.bufferKey(), "table rows compare views of one buffer");
        int actual = Overlap.check(input, entry);
        assertEquals(name(expected), name(actual), name + ": " + input + " vs " + entry);
        BitSet in = bytesOf(input);
        BitSet en = bytesOf(entry);
        if (expected == NONE) assertFalse(in.intersects(en), "table error: NONE row whose views share bytes: " + name);
        if (expected == COVERED) {
            BitSet rest = (BitSet) en.clone();
            rest.andNot(in);
            assertTrue(rest.isEmpty(), "table error: COVERED row whose entry is not inside the input: " + name);
        }
    }

    /**
     * Sweeps many random views of one buffer: NONE only for disjoint bytes, COVERED only for
     * containment, and for views on the same row-major stride grid the answer is exact.
     */
    @Test
    void randomViewsNeverMissAnOverlapAndAreExactOnACommonGrid() {
        Random rnd = new Random(12345);
        List<Tensor> views = new ArrayList<>();
        Tensor t = Tensor.external(SEG, DType.FP32, 8, 8);
        for (int i = 0; i < 300; i++) views.add(randomView(rnd, t));
        int exact = 0;
        int none = 0;
        int covered = 0;
        for (Tensor a : views) {
            for (Tensor b : views) {
                int o = Overlap.check(a, b);
                BitSet ab = bytesOf(a);
                BitSet bb = bytesOf(b);
                boolean shares = ab.intersects(bb);
                BitSet rest = (BitSet) bb.clone();
                rest.andNot(ab);
                boolean contains = rest.isEmpty();
                if (o == NONE) {
                    none++;
                    assertFalse(shares, "NONE for views sharing bytes: " + a + " vs " + b);
                }
                if (o == COVERED) {
                    covered++;
                    assertTrue(contains, "COVERED but the entry is not inside: " + a + " vs " + b);
                }
                if (sameGrid(a, b)) {
                    exact++;
                    int truth = !shares ? NONE : contains ? COVERED : OTHER;
                    assertEquals(name(truth), name(o), "same-grid views decide exactly: " + a + " vs " + b);
                }
            }
        }
        assertTrue(
                exact > 10_000 && none > 1_000 && covered > 500,
                "sweep too narrow: " + exact + " exact, " + none + " none, " + covered + " covered");
    }

    private static Tensor randomView(Random rnd, Tensor t) {
        switch (rnd.nextInt(6)) {
            case 0, 1, 2: {
                long r0 = rnd.nextInt(8), c0 = rnd.nextInt(8);
                return t.view(
                        new long[] {1 + rnd.nextInt((int) (8 - r0)), 1 + rnd.nextInt((int) (8 - c0))},
                        new long[] {r0, c0});
            }
            case 3: {
                int dim = rnd.nextInt(2);
                long s = rnd.nextInt(7);
                long e = s + 1 + rnd.nextInt((int) (8 - s));
                return t.slice(dim, s, e, 1 + rnd.nextInt(3));
            }
            case 4: {
                long s = rnd.nextInt(63);
                return t.reshape(64).slice(0, s, s + 1 + rnd.nextInt((int) (64 - s)));
            }
            default: {
                long r0 = rnd.nextInt(8);
                return t.view(new long[] {1 + rnd.nextInt((int) (8 - r0)), 8}, new long[] {r0, 0})
                        .transpose(0, 1);
            }
        }
    }

    /**
     * The test's own statement of "same row-major grid": same dtype and strides, innermost stride
     * 1, every stride a multiple of the next, and both boxes lie inside one cell of the grid
     * without wrapping. Only then can a per-dimension comparison decide exactly.
     */
    static boolean sameGrid(Tensor a, Tensor b) {
        if (a.dtype() != b.dtype() || a.ndims() != b.ndims() || a.version() != b.version()) return false;
        int n = a.ndims();
        for (int i = 0; i < n; i++) if (a.stride(i) != b.stride(i)) return false;
        if (a.stride(n - 1) != 1) return false;
        for (int i = 0; i + 1 < n; i++) if (a.stride(i) % a.stride(i + 1) != 0) return false;
        if (a.bufferElements() % a.stride(0) != 0) return false;
        return fitsGrid(a) && fitsGrid(b);
    }

    private static boolean fitsGrid(Tensor t) {
        long rem = t.startOffset();
        for (int i = 0; i < t.ndims(); i++) {
            long ref = i == 0 ? t.bufferElements() / t.stride(0) : t.stride(i - 1) / t.stride(i);
            long off = rem / t.stride(i);
            rem %= t.stride(i);
            if (off + t.shape(i) > ref) return false;
        }
        return rem == 0;
    }

    /** The bytes of the buffer a view touches. */
    static BitSet bytesOf(Tensor t) {
        BitSet bits = new BitSet();
        int w = t.dtype().bytes();
        for (long i = 0; i < t.numel(); i++) {
            long off = t.linearOffset(i) * w;
            bits.set((int) off, (int) off + w);
        }
        return bits;
    }

    private static String name(int overlap) {
        return switch (overlap) {
            case NONE -> "NONE";
            case COVERED -> "COVERED";
            case OTHER -> "OTHER";
            default -> "?" + overlap;
        };
    }
}
