package dev.tessera.examples.tile;

import dev.tessera.api.DType;
import dev.tessera.api.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Moves tiles between tensors and float arrays. A tile is a 2-D view (or a 1-D view, as one row)
 * of floating-point elements; contiguous FP32 and BF16 rows are copied in bulk, anything else
 * element by element (FP16, strided views). In the arrays a tile is row-major with no padding.
 */
public final class TileIo {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;

    private TileIo() {}

    /** Rows of a 1-D or 2-D view (a 1-D view is one row). */
    public static int rows(Tensor t) {
        return t.ndims() == 1 ? 1 : Math.toIntExact(t.shape(0));
    }

    /** Columns of a 1-D or 2-D view. */
    public static int cols(Tensor t) {
        return Math.toIntExact(t.shape(t.ndims() - 1));
    }

    /** Widens every element of {@code t} into {@code dst} (row-major), which must hold {@code numel}. */
    public static void load(Tensor t, float[] dst) {
        load(t, 0, rows(t), dst, 0);
    }

    /** Widens rows {@code [row0, row0 + rows)} of {@code t} into {@code dst} from index {@code at}. */
    public static void load(Tensor t, int row0, int rows, float[] dst, int at) {
        check(t);
        int cols = cols(t);
        long colStride = t.stride(t.ndims() - 1);
        long rowStride = t.ndims() == 1 ? 0 : t.stride(0);
        MemorySegment seg = t.buffer();
        boolean bf16 = t.dtype() == DType.BF16;
        boolean bulk = colStride == 1 && (bf16 || t.dtype() == DType.FP32);
        short[] scratch = bf16 && bulk ? new short[cols] : null;
        for (int r = 0; r < rows; r++) {
            long base = t.startOffset() + (row0 + r) * rowStride;
            int to = at + r * cols;
            if (bulk) {
                if (bf16) {
                    MemorySegment.copy(seg, I16, base * 2, scratch, 0, cols);
                    Bf16.widen(scratch, 0, dst, to, cols);
                } else {
                    MemorySegment.copy(seg, F32, base * 4, dst, to, cols);
                }
            } else {
                for (int c = 0; c < cols; c++) dst[to + c] = (float) t.getRaw(base + c * colStride);
            }
        }
    }

    /** Writes {@code src} (row-major, {@code numel} elements) into {@code t}, rounding to the nearest value of its dtype. */
    public static void store(float[] src, Tensor t) {
        store(src, 0, t, 0, rows(t));
    }

    /** Writes {@code rows} rows from {@code src[at...]} into rows {@code [row0, row0 + rows)} of {@code t}. */
    public static void store(float[] src, int at, Tensor t, int row0, int rows) {
        check(t);
        int cols = cols(t);
        long colStride = t.stride(t.ndims() - 1);
        long rowStride = t.ndims() == 1 ? 0 : t.stride(0);
        MemorySegment seg = t.buffer();
        boolean bf16 = t.dtype() == DType.BF16;
        boolean bulk = colStride == 1 && (bf16 || t.dtype() == DType.FP32);
        short[] scratch = bf16 && bulk ? new short[cols] : null;
        for (int r = 0; r < rows; r++) {
            long base = t.startOffset() + (row0 + r) * rowStride;
            int from = at + r * cols;
            if (bulk) {
                if (bf16) {
                    Bf16.narrow(src, from, scratch, 0, cols);
                    MemorySegment.copy(scratch, 0, seg, I16, base * 2, cols);
                } else {
                    MemorySegment.copy(src, from, seg, F32, base * 4, cols);
                }
            } else {
                for (int c = 0; c < cols; c++) t.setRaw(base + c * colStride, src[from + c]);
            }
        }
    }

    /** Edge of the square blocks {@link #transpose} works in: two 16×16 float blocks stay in L1. */
    private static final int BLOCK = 16;

    /**
     * {@code dst[c·rows + r] = src[r·cols + c]}: the transpose of a row-major {@code rows × cols} tile,
     * block by block, so the strided side touches a few cache lines at a time (the plain loop nest
     * misses on every write once a column of {@code dst} no longer fits in L1: 10× slower for K tiles).
     */
    public static void transpose(float[] src, int rows, int cols, float[] dst) {
        for (int r0 = 0; r0 < rows; r0 += BLOCK) {
            int r1 = Math.min(rows, r0 + BLOCK);
            for (int c0 = 0; c0 < cols; c0 += BLOCK) {
                int c1 = Math.min(cols, c0 + BLOCK);
                for (int r = r0; r < r1; r++) {
                    int s = r * cols;
                    for (int c = c0; c < c1; c++) dst[c * rows + r] = src[s + c];
                }
            }
        }
    }

    private static void check(Tensor t) {
        if (t.ndims() > 2) throw new IllegalArgumentException("a tile is a 1-D or 2-D view, got " + t);
        if (!t.dtype().isFloating()) {
            throw new IllegalArgumentException("tiles hold floating-point elements, got " + t.dtype() + " in " + t);
        }
    }

    /**
     * Adds {@code src} (row-major, {@code numel} elements) into the fp32 view {@code t} with atomic
     * adds, for tasks that accumulate into a region other tasks add into at the same time
     * ({@code TaskSpec.accumulate}).
     */
    public static void atomicAdd(float[] src, Tensor t) {
        int rows = rows(t);
        int cols = cols(t);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                long off = t.ndims() == 1 ? t.elementOffset(c) : t.elementOffset(r, c);
                t.atomicAddFloat(off, src[r * cols + c]);
            }
        }
    }
}
