package dev.tessera.api;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Reads and writes single elements of every {@link DType} in native memory, as doubles.
 *
 * <p>This is the one place that knows how each dtype is laid out in bytes (little-endian, unaligned)
 * and how it converts to and from a double: fp16 and bf16 round to nearest even, unsigned integers
 * read as their unsigned value. {@link TensorLayout} does the indexing and {@link Tensor} hands the
 * byte work here, so its view logic and this encoding can each be read on their own.
 */
final class ElementCodec {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;
    /** An fp32 element's bits, for atomic adds: atomic access needs the aligned layout. */
    private static final VarHandle F32_BITS = ValueLayout.JAVA_INT.varHandle();

    private ElementCodec() {}

    /** The {@code dtype} element at element offset {@code off} of {@code buffer}, as a double. */
    static double read(MemorySegment buffer, DType dtype, long off) {
        long b = off * dtype.bytes();
        return switch (dtype) {
            case FP32 -> buffer.get(F32, b);
            case FP16 -> Float.float16ToFloat(buffer.get(I16, b));
            case BF16 -> Float.intBitsToFloat((buffer.get(I16, b) & 0xFFFF) << 16);
            case INT8 -> buffer.get(ValueLayout.JAVA_BYTE, b);
            case UINT8 -> buffer.get(ValueLayout.JAVA_BYTE, b) & 0xFF;
            case INT16 -> buffer.get(I16, b);
            case UINT16 -> buffer.get(I16, b) & 0xFFFF;
            case INT32 -> buffer.get(I32, b);
            case UINT32 -> buffer.get(I32, b) & 0xFFFFFFFFL;
            case INT64 -> buffer.get(I64, b);
            case UINT64 -> unsignedToDouble(buffer.get(I64, b));
        };
    }

    /** Writes {@code v} converted to {@code dtype} (floats round to nearest even) at element offset {@code off}. */
    static void write(MemorySegment buffer, DType dtype, long off, double v) {
        long b = off * dtype.bytes();
        switch (dtype) {
            case FP32 -> buffer.set(F32, b, (float) v);
            case FP16 -> buffer.set(I16, b, Float.floatToFloat16((float) v));
            case BF16 -> buffer.set(I16, b, floatToBf16((float) v));
            case INT8, UINT8 -> buffer.set(ValueLayout.JAVA_BYTE, b, (byte) (long) v);
            case INT16, UINT16 -> buffer.set(I16, b, (short) (long) v);
            case INT32, UINT32 -> buffer.set(I32, b, (int) (long) v);
            case INT64 -> buffer.set(I64, b, (long) v);
            case UINT64 -> buffer.set(I64, b, v >= 0x1p63 ? (long) (v - 0x1p63) ^ Long.MIN_VALUE : (long) v);
        }
    }

    /** The fp32 element at element offset {@code off}. */
    static float readFloat(MemorySegment buffer, long off) {
        return buffer.get(F32, off * 4);
    }

    static void writeFloat(MemorySegment buffer, long off, float v) {
        buffer.set(F32, off * 4, v);
    }

    /** Adds {@code delta} to the fp32 element at element offset {@code off} with a CAS loop on its bits. */
    static void atomicAddFloat(MemorySegment buffer, long off, float delta) {
        long b = off * 4;
        int seen = (int) F32_BITS.getVolatile(buffer, b);
        while (true) {
            int next = Float.floatToRawIntBits(Float.intBitsToFloat(seen) + delta);
            int witness = (int) F32_BITS.compareAndExchange(buffer, b, seen, next);
            if (witness == seen) return;
            seen = witness;
        }
    }

    /** {@code f} as bf16 bits, rounded to nearest even; a NaN stays a (quiet) NaN. */
    static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x40);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    private static double unsignedToDouble(long v) {
        // halve with the lost bit kept as a sticky bit, so the one rounding step stays correct
        return v >= 0 ? v : (double) ((v >>> 1) | (v & 1)) * 2.0;
    }
}
