package dev.tessera.examples.tile;

import dev.tessera.api.Tensor;

/** bfloat16: the top 16 bits of a float. Rounding is to nearest, ties to even, as the hardware's CAST_ROUND. */
public final class Bf16 {
    private Bf16() {}

    /** The float a bf16 bit pattern stands for (exact). */
    public static float toFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** {@code f} rounded to the nearest bf16, as a bit pattern. */
    public static short fromFloat(float f) {
        return Tensor.floatToBf16(f);
    }

    /** {@code f} rounded to the nearest bf16, as a float. */
    public static float round(float f) {
        return toFloat(fromFloat(f));
    }

    /** {@code dst[to + i] = toFloat(src[from + i])} for {@code i < n}. */
    public static void widen(short[] src, int from, float[] dst, int to, int n) {
        for (int i = 0; i < n; i++) dst[to + i] = Float.intBitsToFloat((src[from + i] & 0xFFFF) << 16);
    }

    /** {@code dst[to + i] = fromFloat(src[from + i])} for {@code i < n}. */
    public static void narrow(float[] src, int from, short[] dst, int to, int n) {
        for (int i = 0; i < n; i++) dst[to + i] = fromFloat(src[from + i]);
    }
}
