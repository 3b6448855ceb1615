package dev.tessera.examples;

import dev.tessera.api.DType;
import dev.tessera.api.Tensor;
import dev.tessera.examples.tile.Bf16;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Seeded input data for the examples, written in bulk: the hardware-sized cases fill hundreds of
 * megabytes, where one {@code setRaw} per element would dominate the run.
 */
public final class Inputs {
    private static final int CHUNK = 1 << 14;

    private Inputs() {}

    /** Every element of the contiguous tensor {@code t} uniform in {@code [lo, hi)}, rounded to its dtype. */
    public static void uniform(Tensor t, SplittableRandom rnd, double lo, double hi) {
        fill(t, () -> rnd.nextDouble(lo, hi));
    }

    /** Every element of the contiguous tensor {@code t} normal with mean 0 and deviation {@code sigma}. */
    public static void gaussian(Tensor t, SplittableRandom rnd, double sigma) {
        fill(t, () -> rnd.nextGaussian() * sigma);
    }

    /** Every element of the contiguous FP32 or BF16 tensor {@code t} from {@code values}, in row-major order. */
    public static void fill(Tensor t, DoubleSupplier values) {
        if (!t.isContiguous()) throw new IllegalArgumentException("bulk fill needs a contiguous tensor, got " + t);
        MemorySegment seg = t.buffer();
        long n = t.numel();
        long at = t.startOffset();
        if (t.dtype() == DType.FP32) {
            float[] chunk = new float[(int) Math.min(CHUNK, n)];
            for (long done = 0; done < n; done += chunk.length) {
                int len = (int) Math.min(chunk.length, n - done);
                for (int i = 0; i < len; i++) chunk[i] = (float) values.getAsDouble();
                MemorySegment.copy(chunk, 0, seg, ValueLayout.JAVA_FLOAT_UNALIGNED, (at + done) * 4, len);
            }
        } else if (t.dtype() == DType.BF16) {
            short[] chunk = new short[(int) Math.min(CHUNK, n)];
            for (long done = 0; done < n; done += chunk.length) {
                int len = (int) Math.min(chunk.length, n - done);
                for (int i = 0; i < len; i++) chunk[i] = Bf16.fromFloat((float) values.getAsDouble());
                MemorySegment.copy(chunk, 0, seg, ValueLayout.JAVA_SHORT_UNALIGNED, (at + done) * 2, len);
            }
        } else {
            for (long i = 0; i < n; i++) t.setRaw(at + i, values.getAsDouble());
        }
    }
}
