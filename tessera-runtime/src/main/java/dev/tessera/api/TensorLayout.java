package dev.tessera.api;

import java.util.Arrays;

/**
 * Where the elements of one tensor view lie in its buffer: a start offset, a shape and strides, all
 * in elements.
 *
 * <p>This is the index arithmetic that every view operation (sub-box, slice, permute, reshape) and
 * every element access share, with the checks that keep a view well-formed. {@link Tensor} is the
 * buffer, dtype and ownership a view carries and hands its geometry here, so each can be read on its
 * own; {@link ElementCodec} does the bytes. A layout is immutable and never shares its arrays with a
 * caller: operations return new layouts.
 */
final class TensorLayout {
    final long start;
    private final long[] shape;
    private final long[] strides;
    /** Elements from the first to one past the last element this layout touches. */
    final long extent;

    final boolean contiguous;

    /** Takes ownership of {@code shape} and {@code strides}: callers pass arrays no one else holds. */
    TensorLayout(long start, long[] shape, long[] strides) {
        if (shape.length < 1 || shape.length > Tensor.MAX_DIMS) {
            throw new IllegalArgumentException(
                    "a tensor has 1.." + Tensor.MAX_DIMS + " dimensions, got " + shape.length);
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 1)
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a dimension < 1");
            if (strides[i] < 1)
                throw new IllegalArgumentException("strides " + Arrays.toString(strides) + " must be > 0");
        }
        this.start = start;
        this.shape = shape;
        this.strides = strides;
        long ext = 1;
        for (int i = 0; i < shape.length; i++) ext += (shape[i] - 1) * strides[i];
        this.extent = ext;
        this.contiguous = isRowMajor(shape, strides);
    }

    /** A contiguous row-major layout of {@code shape} from element 0. */
    static TensorLayout rowMajor(long[] shape) {
        long[] s = shape.clone();
        return new TensorLayout(0, s, rowMajorStrides(s));
    }

    private static boolean isRowMajor(long[] shape, long[] strides) {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    private static long[] rowMajorStrides(long[] shape) {
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

    int ndims() {
        return shape.length;
    }

    long shape(int dim) {
        return shape[dim];
    }

    long stride(int dim) {
        return strides[dim];
    }

    long[] shapeCopy() {
        return shape.clone();
    }

    long[] stridesCopy() {
        return strides.clone();
    }

    long numel() {
        return product(shape);
    }

    // ---- views ------------------------------------------------------------------------------------

    /** The sub-box of {@code newShape} elements from {@code offsets} in every dimension. */
    TensorLayout box(long[] newShape, long[] offsets) {
        if (newShape.length != shape.length || offsets.length != shape.length) {
            throw new IllegalArgumentException("view needs " + shape.length + " dims of shape and offsets");
        }
        long s = start;
        for (int i = 0; i < shape.length; i++) {
            if (offsets[i] < 0 || newShape[i] < 1 || offsets[i] + newShape[i] > shape[i]) {
                throw new IllegalArgumentException("view dim " + i + ": [" + offsets[i] + ", "
                        + (offsets[i] + newShape[i]) + ") is outside [0, " + shape[i] + ")");
            }
            s += offsets[i] * strides[i];
        }
        return new TensorLayout(s, newShape.clone(), strides.clone());
    }

    TensorLayout slice(int dim, long from, long end, long step) {
        checkDim(dim);
        if (step < 1 || from < 0 || end > shape[dim] || from >= end) {
            throw new IllegalArgumentException("slice(" + dim + ", " + from + ", " + end + ", " + step
                    + ") is invalid for a dimension of " + shape[dim]);
        }
        long[] s = shape.clone();
        long[] st = strides.clone();
        s[dim] = (end - from + step - 1) / step;
        st[dim] = strides[dim] * step;
        return new TensorLayout(start + from * strides[dim], s, st);
    }

    TensorLayout transpose(int a, int b) {
        checkDim(a);
        checkDim(b);
        int[] order = new int[shape.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        order[a] = b;
        order[b] = a;
        return permute(order);
    }

    TensorLayout permute(int... order) {
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
        return new TensorLayout(start, s, st);
    }

    TensorLayout reshape(long... newShape) {
        if (!contiguous)
            throw new IllegalStateException(
                    "reshape needs a contiguous tensor; this view has strides " + Arrays.toString(strides));
        if (product(newShape) != numel()) {
            throw new IllegalArgumentException("reshape " + Arrays.toString(shape) + " -> " + Arrays.toString(newShape)
                    + " changes the element count");
        }
        long[] s = newShape.clone();
        return new TensorLayout(start, s, rowMajorStrides(s));
    }

    private void checkDim(int dim) {
        if (dim < 0 || dim >= shape.length)
            throw new IllegalArgumentException("dimension " + dim + " of a " + shape.length + "-d tensor");
    }

    // ---- element offsets ----------------------------------------------------------------------------

    long offset(long... idx) {
        if (idx.length != shape.length)
            throw new IllegalArgumentException("index needs " + shape.length + " coordinates");
        long off = start;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i])
                throw new IndexOutOfBoundsException("index " + idx[i] + " in dim " + i + " of size " + shape[i]);
            off += idx[i] * strides[i];
        }
        return off;
    }

    // Fixed-rank, allocation-free forms: a varargs call allocates its array on every call, which a
    // kernel's inner loop cannot afford. Each checks the rank and every index as the varargs form does.

    long offset(long i0) {
        rank(1);
        return start + at(0, i0) * strides[0];
    }

    long offset(long i0, long i1) {
        rank(2);
        return start + at(0, i0) * strides[0] + at(1, i1) * strides[1];
    }

    long offset(long i0, long i1, long i2) {
        rank(3);
        return start + at(0, i0) * strides[0] + at(1, i1) * strides[1] + at(2, i2) * strides[2];
    }

    long offset(long i0, long i1, long i2, long i3) {
        rank(4);
        return start
                + at(0, i0) * strides[0]
                + at(1, i1) * strides[1]
                + at(2, i2) * strides[2]
                + at(3, i3) * strides[3];
    }

    private void rank(int n) {
        if (shape.length != n) throw new IllegalArgumentException("index needs " + shape.length + " coordinates");
    }

    private long at(int dim, long i) {
        if (i < 0 || i >= shape[dim])
            throw new IndexOutOfBoundsException("index " + i + " in dim " + dim + " of size " + shape[dim]);
        return i;
    }

    /** Element offset of row-major linear index {@code linear}. */
    long linearOffset(long linear) {
        long off = start;
        for (int i = shape.length - 1; i >= 0; i--) {
            off += (linear % shape[i]) * strides[i];
            linear /= shape[i];
        }
        return off;
    }

    @Override
    public String toString() {
        return Arrays.toString(shape) + " strides " + Arrays.toString(strides) + " @" + start;
    }
}
