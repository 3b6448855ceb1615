package dev.tessera.api;

import dev.tessera.errors.InvalidArgumentsException;
import java.util.Arrays;

/** A tensor the runtime allocates for a task: its shape, dtype and optional initial value. */
public record OutputSpec(DType dtype, long[] shape, Double initialValue, boolean manualDep) {
    /**
     * The largest output, 2^48 bytes (256 TiB): beyond any real heap, and small enough that the
     * sizes derived from it (16 aligned outputs of one task, a heap ring that must hold them) can
     * never overflow a {@code long}. Larger requests are {@code INVALID_ARGS}; smaller ones that do
     * not fit the heap ring get the heap ring's own message.
     */
    public static final long MAX_BYTES = 1L << 48;

    public OutputSpec {
        String problem = problem(dtype, shape);
        if (problem != null) throw new InvalidArgumentsException(problem);
        shape = shape.clone();
    }

    public static OutputSpec of(DType dtype, long... shape) {
        return new OutputSpec(dtype, shape, null, false);
    }

    /**
     * What is wrong with an output of {@code dtype} and {@code shape}, or null when it is valid:
     * the dimensions, and a byte size that must stay within {@link #MAX_BYTES}.
     */
    public static String problem(DType dtype, long[] shape) {
        if (dtype == null) return "an output needs a dtype, got null";
        if (shape == null || shape.length < 1 || shape.length > Tensor.MAX_DIMS) {
            return "an output has 1.." + Tensor.MAX_DIMS + " dimensions, got "
                    + (shape == null ? "none" : shape.length);
        }
        for (long d : shape) if (d < 1) return "output shape " + Arrays.toString(shape) + " has a dimension < 1";
        long bytes = dtype.bytes();
        for (long d : shape) {
            // Checked before multiplying, so an overflowing product is reported rather than wrapped.
            if (d > MAX_BYTES / bytes) return tooLarge(dtype, shape);
            bytes *= d;
        }
        return null;
    }

    private static String tooLarge(DType dtype, long[] shape) {
        return "output " + dtype + Arrays.toString(shape) + " is larger than the limit of one output, " + MAX_BYTES
                + " bytes (2^48, 256 TiB)";
    }

    public OutputSpec filledWith(double value) {
        return new OutputSpec(dtype, shape, value, manualDep);
    }

    public long bytes() {
        return TensorLayout.product(shape) * dtype.bytes();
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
