package dev.tessera.api;

import java.util.Arrays;

/** A tensor the runtime allocates for a task: its shape, dtype and optional initial value. */
public record OutputSpec(DType dtype, long[] shape, Double initialValue, boolean manualDep) {
    public OutputSpec {
        if (shape.length < 1 || shape.length > Tensor.MAX_DIMS) {
            throw new IllegalArgumentException("an output has 1.." + Tensor.MAX_DIMS + " dimensions, got " + shape.length);
        }
        for (long d : shape) if (d < 1) throw new IllegalArgumentException("output shape " + Arrays.toString(shape) + " has a dimension < 1");
        shape = shape.clone();
    }

    public static OutputSpec of(DType dtype, long... shape) {
        return new OutputSpec(dtype, shape, null, false);
    }

    public OutputSpec filledWith(double value) {
        return new OutputSpec(dtype, shape, value, manualDep);
    }

    public long bytes() {
        return Tensor.product(shape) * dtype.bytes();
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
