package dev.tessera.api;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A typed, strided view of up to {@value #MAX_DIMS} dimensions over a native {@link MemorySegment}.
 *
 * <p>Offsets, shapes and strides are in elements. Views share the buffer (zero copy); all views of
 * one buffer are matched against each other by the runtime's dependency tracking, so the buffer's
 * identity is its base address. A tensor is immutable: every view operation returns a new value.
 */
public final class Tensor {
    public static final int MAX_DIMS = 5;
    /** Marker for "no creator task": external buffers. */
    public static final long NO_OWNER = -1L;

    /** Stands for "some thread other than the caller" when checking a buffer's confinement. */
    private static final Thread OTHER_THREAD = Thread.ofVirtual().unstarted(() -> {});

    private final MemorySegment buffer;
    private final DType dtype;
    private final long ownerTaskId;
    private final long startOffset;
    private final int version;
    private final boolean manualDep;
    private final long[] shape;
    private final long[] strides;
    private final long extent;
    private final boolean contiguous;

    Tensor(
            MemorySegment buffer,
            DType dtype,
            long ownerTaskId,
            long startOffset,
            int version,
            boolean manualDep,
            long[] shape,
            long[] strides) {
        if (shape.length < 1 || shape.length > MAX_DIMS) {
            throw new IllegalArgumentException("a tensor has 1.." + MAX_DIMS + " dimensions, got " + shape.length);
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 1)
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a dimension < 1");
            if (strides[i] < 1)
                throw new IllegalArgumentException("strides " + Arrays.toString(strides) + " must be > 0");
        }
        this.buffer = buffer;
        this.dtype = dtype;
        this.ownerTaskId = ownerTaskId;
        this.startOffset = startOffset;
        this.version = version;
        this.manualDep = manualDep;
        this.shape = shape;
        this.strides = strides;
        long ext = 1;
        for (int i = 0; i < shape.length; i++) ext += (shape[i] - 1) * strides[i];
        this.extent = ext;
        this.contiguous = isRowMajor(shape, strides);
        long bufferElems = buffer.byteSize() / dtype.bytes();
        if (startOffset < 0 || startOffset + ext > bufferElems) {
            throw new IllegalArgumentException("view [" + startOffset + ", " + (startOffset + ext)
                    + ") lies outside its buffer of " + bufferElems + " elements");
        }
    }

    private static boolean isRowMajor(long[] shape, long[] strides) {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    static long[] rowMajorStrides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Bytes of a contiguous tensor of {@code shape}; a size no {@code long} can hold is an error, not a wrapped number. */
    static long byteSize(DType dtype, long[] shape) {
        try {
            return Math.multiplyExact(product(shape), (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs more than "
                    + Long.MAX_VALUE + " bytes");
        }
    }

    static long product(long[] shape) {
        long p = 1;
        for (long d : shape) p = Math.multiplyExact(p, d);
        return p;
    }

    // ---- construction -------------------------------------------------------------------------

    /** Wraps an existing native buffer as a contiguous tensor with no creator task. */
    public static Tensor external(MemorySegment buffer, DType dtype, long... shape) {
        if (!buffer.isNative())
            throw new IllegalArgumentException("tensors need a native MemorySegment (Arena.allocate)");
        if (!buffer.isAccessibleBy(OTHER_THREAD)) {
            throw new IllegalArgumentException(
                    "the buffer belongs to a confined arena; kernels run on other threads: use Arena.ofShared() or Arena.ofAuto()");
        }
        long[] s = shape.clone();
        long bytes = byteSize(dtype, s);
        if (bytes > buffer.byteSize()) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(s) + " needs " + bytes + " bytes, buffer has " + buffer.byteSize());
        }
        return new Tensor(buffer.asSlice(0, bytes), dtype, NO_OWNER, 0, 0, false, s, rowMajorStrides(s));
    }

    /** Allocates a zeroed contiguous tensor in {@code arena}. */
    public static Tensor allocate(Arena arena, DType dtype, long... shape) {
        long bytes = Math.max(1, byteSize(dtype, shape));
        return external(arena.allocate(bytes, 64), dtype, shape);
    }

    /** A runtime-created output: the buffer belongs to task {@code owner}. */
    public static Tensor owned(MemorySegment buffer, DType dtype, long owner, boolean manualDep, long... shape) {
        long[] s = shape.clone();
        return new Tensor(buffer, dtype, owner, 0, 0, manualDep, s, rowMajorStrides(s));
    }

    // ---- accessors ------------------------------------------------------------------------------

    public MemorySegment buffer() {
        return buffer;
    }
    /** Identity of the underlying buffer: all views of one buffer share it. */
    public long bufferKey() {
        return buffer.address();
    }

    public long bufferElements() {
        return buffer.byteSize() / dtype.bytes();
    }

    public DType dtype() {
        return dtype;
    }

    public long ownerTaskId() {
        return ownerTaskId;
    }

    public long startOffset() {
        return startOffset;
    }

    public int version() {
        return version;
    }

    public boolean manualDep() {
        return manualDep;
    }

    public int ndims() {
        return shape.length;
    }

    public long shape(int dim) {
        return shape[dim];
    }

    public long stride(int dim) {
        return strides[dim];
    }

    public long[] shape() {
        return shape.clone();
    }

    public long[] strides() {
        return strides.clone();
    }
    /** Elements from the first to one past the last element this view touches. */
    public long extent() {
        return extent;
    }

    public boolean isContiguous() {
        return contiguous;
    }

    public long numel() {
        return product(shape);
    }

    // ---- zero-copy views ------------------------------------------------------------------------

    /** A sub-box: {@code shape[i]} elements starting at {@code offsets[i]} in every dimension. */
    public Tensor view(long[] newShape, long[] offsets) {
        if (newShape.length != shape.length || offsets.length != shape.length) {
            throw new IllegalArgumentException("view needs " + shape.length + " dims of shape and offsets");
        }
        long start = startOffset;
        for (int i = 0; i < shape.length; i++) {
            if (offsets[i] < 0 || newShape[i] < 1 || offsets[i] + newShape[i] > shape[i]) {
                throw new IllegalArgumentException("view dim " + i + ": [" + offsets[i] + ", "
                        + (offsets[i] + newShape[i]) + ") is outside [0, " + shape[i] + ")");
            }
            start += offsets[i] * strides[i];
        }
        return new Tensor(buffer, dtype, ownerTaskId, start, version, manualDep, newShape.clone(), strides.clone());
    }

    /** Elements {@code start, start+step, ... < end} of dimension {@code dim}. */
    public Tensor slice(int dim, long start, long end, long step) {
        checkDim(dim);
        if (step < 1 || start < 0 || end > shape[dim] || start >= end) {
            throw new IllegalArgumentException("slice(" + dim + ", " + start + ", " + end + ", " + step
                    + ") is invalid for a dimension of " + shape[dim]);
        }
        long[] s = shape.clone();
        long[] st = strides.clone();
        s[dim] = (end - start + step - 1) / step;
        st[dim] = strides[dim] * step;
        return new Tensor(buffer, dtype, ownerTaskId, startOffset + start * strides[dim], version, manualDep, s, st);
    }

    public Tensor slice(int dim, long start, long end) {
        return slice(dim, start, end, 1);
    }

    public Tensor transpose(int a, int b) {
        checkDim(a);
        checkDim(b);
        int[] order = new int[shape.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        order[a] = b;
        order[b] = a;
        return permute(order);
    }

    public Tensor permute(int... order) {
        if (order.length != shape.length) throw new IllegalArgumentException("permute needs " + shape.length + " axes");
        boolean[] seen = new boolean[order.length];
        long[] s = new long[order.length];
        long[] st = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            checkDim(order[i]);
            if (seen[order[i]])
                throw new IllegalArgumentException("permute order " + Arrays.toString(order) + " repeats an axis");
            seen[order[i]] = true;
            s[i] = shape[order[i]];
            st[i] = strides[order[i]];
        }
        return new Tensor(buffer, dtype, ownerTaskId, startOffset, version, manualDep, s, st);
    }

    /** Same elements, new shape; only for contiguous views. */
    public Tensor reshape(long... newShape) {
        if (!contiguous)
            throw new IllegalStateException(
                    "reshape needs a contiguous tensor; this view has strides " + Arrays.toString(strides));
        if (product(newShape) != numel()) {
            throw new IllegalArgumentException("reshape " + Arrays.toString(shape) + " -> " + Arrays.toString(newShape)
                    + " changes the element count");
        }
        long[] s = newShape.clone();
        return new Tensor(buffer, dtype, ownerTaskId, startOffset, version, manualDep, s, rowMajorStrides(s));
    }

    /** Same view with a higher version: readers with a newer version always depend on older writers. */
    public Tensor withVersion(int newVersion) {
        return new Tensor(buffer, dtype, ownerTaskId, startOffset, newVersion, manualDep, shape, strides);
    }

    /** Same view, excluded from (or included in) automatic dependency tracking. */
    public Tensor withManualDep(boolean manual) {
        return new Tensor(buffer, dtype, ownerTaskId, startOffset, version, manual, shape, strides);
    }

    private void checkDim(int dim) {
        if (dim < 0 || dim >= shape.length)
            throw new IllegalArgumentException("dimension " + dim + " of a " + shape.length + "-d tensor");
    }

    // ---- element access (for kernels and tests) --------------------------------------------------

    /**
     * Element offset (from the buffer start) of the element at {@code idx}. Kernels should prefer
     * the fixed-rank overloads ({@code elementOffset(i0, i1)} ...), which allocate nothing.
     */
    public long elementOffset(long... idx) {
        if (idx.length != shape.length)
            throw new IllegalArgumentException("index needs " + shape.length + " coordinates");
        long off = startOffset;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i])
                throw new IndexOutOfBoundsException("index " + idx[i] + " in dim " + i + " of size " + shape[i]);
            off += idx[i] * strides[i];
        }
        return off;
    }

    // Fixed-rank, allocation-free forms of elementOffset/get/set: a varargs call allocates its
    // array on every call, which a kernel's inner loop cannot afford. Each checks the rank and
    // every index exactly as the varargs form does.

    /** Element offset of {@code [i0]} of a 1-d view. */
    public long elementOffset(long i0) {
        rank(1);
        return startOffset + at(0, i0) * strides[0];
    }

    /** Element offset of {@code [i0, i1]} of a 2-d view. */
    public long elementOffset(long i0, long i1) {
        rank(2);
        return startOffset + at(0, i0) * strides[0] + at(1, i1) * strides[1];
    }

    /** Element offset of {@code [i0, i1, i2]} of a 3-d view. */
    public long elementOffset(long i0, long i1, long i2) {
        rank(3);
        return startOffset + at(0, i0) * strides[0] + at(1, i1) * strides[1] + at(2, i2) * strides[2];
    }

    /** Element offset of {@code [i0, i1, i2, i3]} of a 4-d view. */
    public long elementOffset(long i0, long i1, long i2, long i3) {
        rank(4);
        return startOffset
                + at(0, i0) * strides[0]
                + at(1, i1) * strides[1]
                + at(2, i2) * strides[2]
                + at(3, i3) * strides[3];
    }

    public double get(long i0) {
        return getRaw(elementOffset(i0));
    }

    public double get(long i0, long i1) {
        return getRaw(elementOffset(i0, i1));
    }

    public double get(long i0, long i1, long i2) {
        return getRaw(elementOffset(i0, i1, i2));
    }

    public double get(long i0, long i1, long i2, long i3) {
        return getRaw(elementOffset(i0, i1, i2, i3));
    }

    public void set(double v, long i0) {
        setRaw(elementOffset(i0), v);
    }

    public void set(double v, long i0, long i1) {
        setRaw(elementOffset(i0, i1), v);
    }

    public void set(double v, long i0, long i1, long i2) {
        setRaw(elementOffset(i0, i1, i2), v);
    }

    public void set(double v, long i0, long i1, long i2, long i3) {
        setRaw(elementOffset(i0, i1, i2, i3), v);
    }

    private void rank(int n) {
        if (shape.length != n) throw new IllegalArgumentException("index needs " + shape.length + " coordinates");
    }

    private long at(int dim, long i) {
        if (i < 0 || i >= shape[dim])
            throw new IndexOutOfBoundsException("index " + i + " in dim " + dim + " of size " + shape[dim]);
        return i;
    }

    /** Element offset of row-major linear index {@code linear} within this view. */
    public long linearOffset(long linear) {
        long off = startOffset;
        for (int i = shape.length - 1; i >= 0; i--) {
            off += (linear % shape[i]) * strides[i];
            linear /= shape[i];
        }
        return off;
    }

    /** Reads the element at buffer element offset {@code off} as a double, whatever the dtype. */
    public double getRaw(long off) {
        return ElementCodec.read(buffer, dtype, off);
    }

    /** Writes {@code v} (converted to the dtype; floats round to nearest even) at buffer element offset {@code off}. */
    public void setRaw(long off, double v) {
        ElementCodec.write(buffer, dtype, off, v);
    }

    public double get(long... idx) {
        return getRaw(elementOffset(idx));
    }

    public void set(double v, long... idx) {
        setRaw(elementOffset(idx), v);
    }

    /** Fast path for fp32 tensors: the float at buffer element offset {@code off}. */
    public float getFloat(long off) {
        return ElementCodec.readFloat(buffer, off);
    }

    public void setFloat(long off, float v) {
        ElementCodec.writeFloat(buffer, off, v);
    }

    /**
     * Atomically adds {@code delta} to the fp32 element at buffer element offset {@code off} (a CAS
     * loop on its bits), for tasks that {@linkplain TaskSpec#accumulate accumulate} into a shared
     * region while others do the same. Float addition is not associative, so the result depends on
     * the order the adds land in: on the sim platform that order is fixed by the seed; on threaded it
     * is not, and a golden needs a tolerance.
     */
    public void atomicAddFloat(long off, float delta) {
        if (dtype != DType.FP32) throw new IllegalStateException("atomicAddFloat needs an FP32 tensor, got " + dtype);
        ElementCodec.atomicAddFloat(buffer, off, delta);
    }

    /** Fills every element of this view with {@code v}. */
    public void fill(double v) {
        long n = numel();
        for (long i = 0; i < n; i++) setRaw(linearOffset(i), v);
    }

    /** The elements of this view in row-major order, as doubles. */
    public double[] toDoubleArray() {
        long n = numel();
        if (n > Integer.MAX_VALUE) throw new IllegalStateException("tensor too large for an array");
        double[] out = new double[(int) n];
        for (int i = 0; i < n; i++) out[i] = getRaw(linearOffset(i));
        return out;
    }

    /** {@code f} as bf16 bits, rounded to nearest even; a NaN stays a (quiet) NaN. */
    public static short floatToBf16(float f) {
        return ElementCodec.floatToBf16(f);
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + " strides " + Arrays.toString(strides)
                + " @" + startOffset + (ownerTaskId == NO_OWNER ? "" : " owner " + TaskIds.format(ownerTaskId))
                + (version != 0 ? " v" + version : "") + "]";
    }
}
