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
 *
 * <p>A tensor is a buffer, a dtype and the task that owns it; where its elements lie (the index
 * arithmetic and its checks) is its {@link TensorLayout}, and how one element is encoded is
 * {@link ElementCodec}'s.
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
    private final int version;
    private final boolean manualDep;
    /** Where this view's elements lie in the buffer; all the index arithmetic lives there. */
    private final TensorLayout layout;

    private Tensor(
            MemorySegment buffer, DType dtype, long ownerTaskId, int version, boolean manualDep, TensorLayout layout) {
        long bufferElems = buffer.byteSize() / dtype.bytes();
        if (layout.start < 0 || layout.start + layout.extent > bufferElems) {
            throw new IllegalArgumentException("view [" + layout.start + ", " + (layout.start + layout.extent)
                    + ") lies outside its buffer of " + bufferElems + " elements");
        }
        this.buffer = buffer;
        this.dtype = dtype;
        this.ownerTaskId = ownerTaskId;
        this.version = version;
        this.manualDep = manualDep;
        this.layout = layout;
    }

    /** The same buffer, dtype and ownership with another geometry: what every view operation returns. */
    private Tensor with(TensorLayout newLayout) {
        return new Tensor(buffer, dtype, ownerTaskId, version, manualDep, newLayout);
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
        long bytes = TensorLayout.byteSize(dtype, s);
        if (bytes > buffer.byteSize()) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(s) + " needs " + bytes + " bytes, buffer has " + buffer.byteSize());
        }
        return new Tensor(buffer.asSlice(0, bytes), dtype, NO_OWNER, 0, false, TensorLayout.rowMajor(s));
    }

    /** Allocates a zeroed contiguous tensor in {@code arena}. */
    public static Tensor allocate(Arena arena, DType dtype, long... shape) {
        long bytes = Math.max(1, TensorLayout.byteSize(dtype, shape));
        return external(arena.allocate(bytes, 64), dtype, shape);
    }

    /** A runtime-created output: the buffer belongs to task {@code owner}. */
    public static Tensor owned(MemorySegment buffer, DType dtype, long owner, boolean manualDep, long... shape) {
        return new Tensor(buffer, dtype, owner, 0, manualDep, TensorLayout.rowMajor(shape));
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
        return layout.start;
    }

    public int version() {
        return version;
    }

    public boolean manualDep() {
        return manualDep;
    }

    public int ndims() {
        return layout.ndims();
    }

    public long shape(int dim) {
        return layout.shape(dim);
    }

    public long stride(int dim) {
        return layout.stride(dim);
    }

    public long[] shape() {
        return layout.shapeCopy();
    }

    public long[] strides() {
        return layout.stridesCopy();
    }
    /** Elements from the first to one past the last element this view touches. */
    public long extent() {
        return layout.extent;
    }

    public boolean isContiguous() {
        return layout.contiguous;
    }

    public long numel() {
        return layout.numel();
    }

    // ---- zero-copy views ------------------------------------------------------------------------

    /** A sub-box: {@code shape[i]} elements starting at {@code offsets[i]} in every dimension. */
    public Tensor view(long[] newShape, long[] offsets) {
        return with(layout.box(newShape, offsets));
    }

    /** Elements {@code start, start+step, ... < end} of dimension {@code dim}. */
    public Tensor slice(int dim, long start, long end, long step) {
        return with(layout.slice(dim, start, end, step));
    }

    public Tensor slice(int dim, long start, long end) {
        return slice(dim, start, end, 1);
    }

    public Tensor transpose(int a, int b) {
        return with(layout.transpose(a, b));
    }

    public Tensor permute(int... order) {
        return with(layout.permute(order));
    }

    /** Same elements, new shape; only for contiguous views. */
    public Tensor reshape(long... newShape) {
        return with(layout.reshape(newShape));
    }

    /** Same view with a higher version: readers with a newer version always depend on older writers. */
    public Tensor withVersion(int newVersion) {
        return new Tensor(buffer, dtype, ownerTaskId, newVersion, manualDep, layout);
    }

    /** Same view, excluded from (or included in) automatic dependency tracking. */
    public Tensor withManualDep(boolean manual) {
        return new Tensor(buffer, dtype, ownerTaskId, version, manual, layout);
    }

    // ---- element access (for kernels and tests) --------------------------------------------------

    /**
     * Element offset (from the buffer start) of the element at {@code idx}. Kernels should prefer
     * the fixed-rank overloads ({@code elementOffset(i0, i1)} ...), which allocate nothing.
     */
    public long elementOffset(long... idx) {
        return layout.offset(idx);
    }

    /** Element offset of {@code [i0]} of a 1-d view. */
    public long elementOffset(long i0) {
        return layout.offset(i0);
    }

    /** Element offset of {@code [i0, i1]} of a 2-d view. */
    public long elementOffset(long i0, long i1) {
        return layout.offset(i0, i1);
    }

    /** Element offset of {@code [i0, i1, i2]} of a 3-d view. */
    public long elementOffset(long i0, long i1, long i2) {
        return layout.offset(i0, i1, i2);
    }

    /** Element offset of {@code [i0, i1, i2, i3]} of a 4-d view. */
    public long elementOffset(long i0, long i1, long i2, long i3) {
        return layout.offset(i0, i1, i2, i3);
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

    /** Element offset of row-major linear index {@code linear} within this view. */
    public long linearOffset(long linear) {
        return layout.linearOffset(linear);
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
        return "Tensor[" + dtype + " " + layout
                + (ownerTaskId == NO_OWNER ? "" : " owner " + TaskIds.format(ownerTaskId))
                + (version != 0 ? " v" + version : "") + "]";
    }
}
