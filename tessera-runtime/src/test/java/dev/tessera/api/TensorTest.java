package dev.tessera.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Views, extents, contiguity and element access of {@link Tensor} (spec §2.2). */
class TensorTest {
    private static final int ROWS = 6;
    private static final int COLS = 8;

    private Arena arena;
    /** A 6x8 fp32 matrix whose element (i, j) holds 100*i + j. */
    private Tensor m;

    @BeforeEach
    void setUp() {
        arena = Arena.ofShared();
        m = Tensor.allocate(arena, DType.FP32, ROWS, COLS);
        for (int i = 0; i < ROWS; i++) for (int j = 0; j < COLS; j++) m.set(100 * i + j, i, j);
    }

    @AfterEach
    void tearDown() {
        arena.close();
    }

    private static double cell(long i, long j) {
        return 100 * i + j;
    }

    /** 1 + Σ (shape_i − 1)·stride_i, written out independently of the class under test. */
    private static long specExtent(long[] shape, long[] strides) {
        long e = 1;
        for (int i = 0; i < shape.length; i++) e += (shape[i] - 1) * strides[i];
        return e;
    }

    // ---- construction ---------------------------------------------------------------------------

    @Test
    void externalTensorIsContiguousRowMajorWithoutOwner() {
        Tensor t = Tensor.allocate(arena, DType.INT16, 2, 3, 4);
        assertArrayEquals(new long[] {2, 3, 4}, t.shape());
        assertArrayEquals(new long[] {12, 4, 1}, t.strides());
        assertEquals(3, t.ndims());
        assertEquals(0, t.startOffset());
        assertEquals(24, t.extent());
        assertEquals(24, t.numel());
        assertEquals(24, t.bufferElements());
        assertTrue(t.isContiguous());
        assertEquals(Tensor.NO_OWNER, t.ownerTaskId());
        assertEquals(0, t.version());
        assertFalse(t.manualDep());
        assertEquals(t.buffer().address(), t.bufferKey());
    }

    @Test
    void externalWrapsOnlyTheBytesItsShapeNeeds() {
        MemorySegment seg = arena.allocate(400, 64);
        Tensor t = Tensor.external(seg, DType.FP32, 10);
        assertEquals(40, t.buffer().byteSize());
        assertEquals(10, t.bufferElements());
        assertEquals(seg.address(), t.bufferKey());
    }

    @Test
    void externalRejectsBuffersThatAreTooSmallOrNotShareable() {
        MemorySegment small = arena.allocate(16, 64);
        IllegalArgumentException tooSmall =
                assertThrows(IllegalArgumentException.class, () -> Tensor.external(small, DType.FP32, 5));
        assertTrue(tooSmall.getMessage().contains("20") && tooSmall.getMessage().contains("16"), tooSmall.getMessage());

        MemorySegment onHeap = MemorySegment.ofArray(new byte[64]);
        assertThrows(IllegalArgumentException.class, () -> Tensor.external(onHeap, DType.FP32, 4));

        try (Arena confined = Arena.ofConfined()) {
            MemorySegment mine = confined.allocate(64, 64);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Tensor.external(mine, DType.FP32, 4));
            assertTrue(e.getMessage().contains("Arena.ofShared"), e.getMessage());
        }
    }

    @Test
    void shapesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.allocate(arena, DType.FP32, 1, 1, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.allocate(arena, DType.FP32, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.allocate(arena, DType.FP32));
        Tensor five = Tensor.allocate(arena, DType.FP32, 1, 2, 1, 2, 1);
        assertEquals(5, five.ndims());
        assertTrue(five.isContiguous());
    }

    @Test
    void viewOperationsDoNotModifyTheOriginal() {
        long[] shape = m.shape();
        shape[0] = 99;
        assertEquals(ROWS, m.shape(0), "shape() must return a copy");
        m.view(new long[] {2, 2}, new long[] {1, 1});
        m.transpose(0, 1);
        m.slice(1, 0, 8, 2);
        assertArrayEquals(new long[] {ROWS, COLS}, m.shape());
        assertArrayEquals(new long[] {COLS, 1}, m.strides());
        assertEquals(0, m.startOffset());
    }

    // ---- views -----------------------------------------------------------------------------------

    @Test
    void viewMovesTheStartAndKeepsTheStrides() {
        Tensor v = m.view(new long[] {2, 3}, new long[] {1, 2});
        assertEquals(1 * COLS + 2, v.startOffset());
        assertArrayEquals(new long[] {2, 3}, v.shape());
        assertArrayEquals(new long[] {COLS, 1}, v.strides());
        assertEquals(specExtent(v.shape(), v.strides()), v.extent());
        assertEquals(COLS + 3, v.extent());
        assertFalse(v.isContiguous(), "a 2x3 box of an 8-column matrix skips elements");
        assertEquals(v.buffer(), m.buffer());
        assertEquals(m.bufferKey(), v.bufferKey());
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) assertEquals(cell(1 + i, 2 + j), v.get(i, j));
    }

    @Test
    void viewOfWholeRowsIsContiguous() {
        Tensor rows = m.view(new long[] {2, COLS}, new long[] {3, 0});
        assertTrue(rows.isContiguous());
        assertEquals(3 * COLS, rows.startOffset());
        assertEquals(2 * COLS, rows.extent());
        Tensor oneRowPart = m.view(new long[] {1, 5}, new long[] {4, 2});
        assertTrue(oneRowPart.isContiguous(), "a single row segment is contiguous");
        assertEquals(5, oneRowPart.extent());
        Tensor oneColumn = m.view(new long[] {3, 1}, new long[] {0, 7});
        assertFalse(oneColumn.isContiguous());
        assertEquals(1 + 2 * COLS, oneColumn.extent());
    }

    @Test
    void viewOfAViewComposesOffsets() {
        Tensor outer = m.view(new long[] {4, 6}, new long[] {1, 1});
        Tensor inner = outer.view(new long[] {2, 2}, new long[] {2, 3});
        assertEquals((1 + 2) * COLS + (1 + 3), inner.startOffset());
        assertEquals(cell(3, 4), inner.get(0, 0));
        assertEquals(cell(4, 5), inner.get(1, 1));
    }

    @Test
    void viewOutsideItsParentIsRejected() {
        Tensor outer = m.view(new long[] {4, 6}, new long[] {1, 1});
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> outer.view(new long[] {2, 2}, new long[] {3, 0}));
        assertTrue(e.getMessage().contains("dim 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> outer.view(new long[] {2, 7}, new long[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> outer.view(new long[] {2, 2}, new long[] {-1, 0}));
        assertThrows(IllegalArgumentException.class, () -> outer.view(new long[] {2, 0}, new long[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> outer.view(new long[] {2}, new long[] {0}));
    }

    @Test
    void sliceWithStepMultipliesTheStride() {
        Tensor s = m.slice(1, 1, 8, 3); // columns 1, 4, 7
        assertArrayEquals(new long[] {ROWS, 3}, s.shape());
        assertArrayEquals(new long[] {COLS, 3}, s.strides());
        assertEquals(1, s.startOffset());
        assertEquals(specExtent(s.shape(), s.strides()), s.extent());
        assertFalse(s.isContiguous());
        for (int i = 0; i < ROWS; i++) {
            assertEquals(cell(i, 1), s.get(i, 0));
            assertEquals(cell(i, 4), s.get(i, 1));
            assertEquals(cell(i, 7), s.get(i, 2));
        }
        Tensor rows = m.slice(0, 0, 5, 2); // rows 0, 2, 4
        assertArrayEquals(new long[] {3, COLS}, rows.shape());
        assertArrayEquals(new long[] {2 * COLS, 1}, rows.strides());
        assertEquals(cell(4, 6), rows.get(2, 6));
        Tensor exact = m.slice(1, 2, 8, 2); // 6 / 2 = 3 columns: 2, 4, 6
        assertEquals(3, exact.shape(1));
        assertEquals(cell(0, 6), exact.get(0, 2));
        Tensor plain = m.slice(0, 2, 4);
        assertTrue(plain.isContiguous());
        assertEquals(2 * COLS, plain.startOffset());
    }

    @Test
    void invalidSlicesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> m.slice(1, 0, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> m.slice(1, 3, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> m.slice(1, 0, 9, 1));
        assertThrows(IllegalArgumentException.class, () -> m.slice(1, -1, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> m.slice(2, 0, 1, 1));
    }

    @Test
    void transposeSwapsShapeAndStrides() {
        Tensor t = m.transpose(0, 1);
        assertArrayEquals(new long[] {COLS, ROWS}, t.shape());
        assertArrayEquals(new long[] {1, COLS}, t.strides());
        assertFalse(t.isContiguous());
        assertEquals(ROWS * COLS, t.extent(), "a transpose spans the same elements");
        for (int i = 0; i < ROWS; i++) for (int j = 0; j < COLS; j++) assertEquals(m.get(i, j), t.get(j, i));
        double[] flat = t.toDoubleArray();
        for (int j = 0; j < COLS; j++) for (int i = 0; i < ROWS; i++) assertEquals(cell(i, j), flat[j * ROWS + i]);
        Tensor back = t.transpose(1, 0);
        assertTrue(back.isContiguous());
        assertArrayEquals(m.strides(), back.strides());
        assertThrows(IllegalArgumentException.class, () -> m.transpose(0, 2));
    }

    @Test
    void permuteReordersAxes() {
        Tensor c = Tensor.allocate(arena, DType.INT32, 2, 3, 4);
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 3; b++) for (int d = 0; d < 4; d++) c.set(a * 100 + b * 10 + d, a, b, d);
        Tensor p = c.permute(2, 0, 1);
        assertArrayEquals(new long[] {4, 2, 3}, p.shape());
        assertArrayEquals(new long[] {1, 12, 4}, p.strides());
        assertFalse(p.isContiguous());
        assertEquals(24, p.extent());
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 3; b++)
                for (int d = 0; d < 4; d++) {
                    assertEquals(a * 100 + b * 10 + d, p.get(d, a, b));
                }
        assertThrows(IllegalArgumentException.class, () -> c.permute(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> c.permute(0, 1));
        assertThrows(IllegalArgumentException.class, () -> c.permute(0, 1, 3));
    }

    @Test
    void reshapeKeepsTheElementsOfContiguousViews() {
        Tensor r = m.reshape(4, 12);
        assertArrayEquals(new long[] {12, 1}, r.strides());
        assertTrue(r.isContiguous());
        assertEquals(cell(1, 4), r.get(1, 0));
        Tensor rows = m.view(new long[] {2, COLS}, new long[] {2, 0}).reshape(4, 4);
        assertEquals(2 * COLS, rows.startOffset());
        assertEquals(cell(2, 4), rows.get(1, 0));
        assertEquals(cell(3, 7), rows.get(3, 3));
        Tensor flat = m.reshape(48);
        assertArrayEquals(m.toDoubleArray(), flat.toDoubleArray());
        // a transposed 1xN row is still contiguous (its size-1 axis does not matter)
        Tensor rowT = m.view(new long[] {1, COLS}, new long[] {5, 0}).transpose(0, 1);
        assertTrue(rowT.isContiguous());
        assertEquals(cell(5, 3), rowT.reshape(2, 4).get(0, 3));
    }

    @Test
    void reshapeOfNonContiguousViewsIsAnError() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> m.transpose(0, 1).reshape(48));
        assertTrue(e.getMessage().contains("contiguous"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> m.slice(1, 0, 8, 2).reshape(24));
        assertThrows(
                IllegalStateException.class,
                () -> m.view(new long[] {2, 2}, new long[] {0, 0}).reshape(4));
        assertThrows(IllegalArgumentException.class, () -> m.reshape(5, 10));
    }

    @Test
    void versionAndManualDepAreCarriedThroughViews() {
        Tensor v = m.withVersion(3).withManualDep(true);
        assertEquals(3, v.version());
        assertTrue(v.manualDep());
        Tensor sub =
                v.view(new long[] {2, 2}, new long[] {1, 1}).transpose(0, 1).slice(0, 0, 2, 1);
        assertEquals(3, sub.version());
        assertTrue(sub.manualDep());
        assertEquals(0, m.version());
        assertFalse(m.manualDep());
    }

    // ---- element access ---------------------------------------------------------------------------

    @Test
    void elementOffsetsFollowTheStrides() {
        Tensor s = m.slice(1, 1, 8, 2).view(new long[] {2, 3}, new long[] {2, 1});
        // columns 1,3,5,7 -> 3,5,7 ; rows 2,3
        assertEquals(2 * COLS + 3, s.elementOffset(0, 0));
        assertEquals(3 * COLS + 7, s.elementOffset(1, 2));
        assertEquals(s.elementOffset(1, 1), s.linearOffset(4));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> s.get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> s.set(1, 0, 3));
    }

    @Test
    void fillTouchesOnlyTheViewsElements() {
        Tensor s = m.slice(1, 0, 8, 3);
        s.fill(-1);
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++)
                assertEquals(j % 3 == 0 ? -1 : cell(i, j), m.get(i, j), "(" + i + "," + j + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void everyDtypeRoundTripsSmallIntegersAtItsOwnWidth(DType dtype) {
        Tensor t = Tensor.allocate(arena, dtype, 3, 4);
        assertEquals(12L * dtype.bytes(), t.buffer().byteSize());
        for (int i = 0; i < 12; i++) t.set(i + 1, i / 4, i % 4);
        for (int i = 0; i < 12; i++) assertEquals(i + 1, t.get(i / 4, i % 4), dtype + " element " + i);
        // neighbours were not clobbered: the element width is the dtype's width
        t.set(0, 1, 1);
        assertEquals(5, t.get(1, 0));
        assertEquals(7, t.get(1, 2));
        assertEquals(!dtype.name().startsWith("INT") && !dtype.name().startsWith("UINT"), dtype.isFloating());
    }

    @Test
    void signedIntegersWrapAtTheirWidth() {
        Tensor i8 = Tensor.allocate(arena, DType.INT8, 1);
        i8.set(-128, 0);
        assertEquals(-128, i8.get(0));
        i8.set(200, 0);
        assertEquals(200 - 256, i8.get(0));
        Tensor i16 = Tensor.allocate(arena, DType.INT16, 1);
        i16.set(-32768, 0);
        assertEquals(-32768, i16.get(0));
        Tensor i32 = Tensor.allocate(arena, DType.INT32, 1);
        i32.set(Integer.MIN_VALUE, 0);
        assertEquals(Integer.MIN_VALUE, i32.get(0));
        Tensor i64 = Tensor.allocate(arena, DType.INT64, 1);
        i64.set(-(1L << 40), 0);
        assertEquals(-(1L << 40), i64.get(0));
    }

    @Test
    void unsignedIntegersReadTheirFullRange() {
        Tensor u8 = Tensor.allocate(arena, DType.UINT8, 2);
        u8.set(255, 0);
        u8.set(200, 1);
        assertEquals(255, u8.get(0));
        assertEquals(200, u8.get(1));
        assertEquals((byte) 200, u8.buffer().get(ValueLayout.JAVA_BYTE, 1));

        Tensor u16 = Tensor.allocate(arena, DType.UINT16, 1);
        u16.set(65535, 0);
        assertEquals(65535, u16.get(0));
        assertEquals((short) -1, u16.buffer().get(ValueLayout.JAVA_SHORT_UNALIGNED, 0));

        Tensor u32 = Tensor.allocate(arena, DType.UINT32, 1);
        u32.set(4_294_967_295.0, 0);
        assertEquals(4_294_967_295.0, u32.get(0));
        u32.buffer().set(ValueLayout.JAVA_INT_UNALIGNED, 0, 0x8000_0001);
        assertEquals(2_147_483_649.0, u32.get(0));
    }

    @Test
    void uint64ConvertsLikeAnUnsignedNumberRoundedToNearest() {
        Tensor u64 = Tensor.allocate(arena, DType.UINT64, 1);
        long[] raws = {
            0,
            1,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            -1,
            -2048,
            -2049,
            Long.MIN_VALUE + 1024, // exactly half-way between two doubles: ties to even (down)
            Long.MIN_VALUE + 1025, // just above half-way: must round up
            Long.MIN_VALUE + 3072, // half-way, ties to even (up)
            Long.MIN_VALUE + 3071,
            0x7FFF_FFFF_FFFF_FDFFL,
            0xFFFF_FFFF_FFFF_FBFFL,
            0xFFFF_FFFF_FFFF_FC01L,
        };
        for (long raw : raws) {
            u64.buffer().set(ValueLayout.JAVA_LONG_UNALIGNED, 0, raw);
            double expected = new BigDecimal(new BigInteger(Long.toUnsignedString(raw))).doubleValue();
            assertEquals(expected, u64.get(0), "uint64 " + Long.toUnsignedString(raw));
        }
        double big = 0x1p64 - 0x1p12; // representable, above Long.MAX_VALUE
        u64.set(big, 0);
        assertEquals(-4096L, u64.buffer().get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
        assertEquals(big, u64.get(0));
        u64.set(0x1p63, 0);
        assertEquals(Long.MIN_VALUE, u64.buffer().get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
    }

    @Test
    void fp16RoundTripsEveryBitPattern() {
        Tensor h = Tensor.allocate(arena, DType.FP16, 1);
        MemorySegment b = h.buffer();
        for (int bits = 0; bits < 0x10000; bits++) {
            b.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) bits);
            double v = h.get(0);
            boolean nan = (bits & 0x7C00) == 0x7C00 && (bits & 0x03FF) != 0;
            assertEquals(nan, Double.isNaN(v), "fp16 0x" + Integer.toHexString(bits));
            h.set(v, 0);
            short back = b.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0);
            if (nan) {
                assertTrue(Float.isNaN(Float.float16ToFloat(back)), "NaN stays NaN, 0x" + Integer.toHexString(bits));
            } else {
                assertEquals((short) bits, back, "fp16 0x" + Integer.toHexString(bits) + " = " + v);
            }
        }
    }

    @Test
    void fp16RoundsToNearestEven() {
        Tensor h = Tensor.allocate(arena, DType.FP16, 1);
        MemorySegment b = h.buffer();
        double ulpAtOne = 0x1p-10;
        Object[][] cases = {
            {1.0, (short) 0x3C00},
            {-2.0, (short) 0xC000},
            {1.0 + ulpAtOne / 2, (short) 0x3C00}, // tie -> even (down)
            {1.0 + 3 * ulpAtOne / 2, (short) 0x3C02}, // tie -> even (up)
            {1.0 + ulpAtOne * 0.51, (short) 0x3C01},
            {65504.0, (short) 0x7BFF},
            {65519.0, (short) 0x7BFF},
            {65520.0, (short) 0x7C00}, // rounds to +inf
            {0x1p-24, (short) 0x0001}, // smallest subnormal
            {-0.0, (short) 0x8000},
        };
        for (Object[] c : cases) {
            h.set((double) c[0], 0);
            assertEquals((short) c[1], b.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0), "fp16 of " + c[0]);
        }
    }

    @Test
    void bf16RoundTripsEveryBitPattern() {
        Tensor h = Tensor.allocate(arena, DType.BF16, 1);
        MemorySegment b = h.buffer();
        for (int bits = 0; bits < 0x10000; bits++) {
            b.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) bits);
            double v = h.get(0);
            assertEquals(Float.intBitsToFloat(bits << 16), (float) v, 0.0f, "bf16 0x" + Integer.toHexString(bits));
            boolean nan = Double.isNaN(v);
            h.set(v, 0);
            short back = b.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0);
            if (nan) {
                assertTrue(
                        Float.isNaN(Float.intBitsToFloat(back << 16)), "NaN stays NaN, 0x" + Integer.toHexString(bits));
            } else {
                assertEquals((short) bits, back, "bf16 0x" + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void bf16RoundsToNearestEven() {
        Tensor h = Tensor.allocate(arena, DType.BF16, 1);
        MemorySegment b = h.buffer();
        Object[][] cases = {
            {1.0, (short) 0x3F80},
            {-3.5, (short) 0xC060},
            {1.0 + 0x1p-8, (short) 0x3F80}, // tie -> even (down)
            {1.0 + 3 * 0x1p-8, (short) 0x3F82}, // tie -> even (up)
            {1.0 + 0x1p-8 + 0x1p-20, (short) 0x3F81},
            {(double) Float.MAX_VALUE, (short) 0x7F80}, // overflows to +inf
        };
        for (Object[] c : cases) {
            h.set((double) c[0], 0);
            assertEquals((short) c[1], b.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0), "bf16 of " + c[0]);
        }
        h.set(Double.NaN, 0);
        assertTrue(Double.isNaN(h.get(0)));
    }

    @Test
    void fastFloatAccessorsUseElementOffsets() {
        Tensor v = m.view(new long[] {2, 2}, new long[] {2, 3});
        long off = v.elementOffset(1, 1);
        assertEquals((float) cell(3, 4), v.getFloat(off));
        v.setFloat(off, 0.5f);
        assertEquals(0.5, m.get(3, 4));
        assertEquals(0.5, v.getRaw(off));
    }

    @Test
    void toStringNamesTheGeometry() {
        String s = m.slice(1, 0, 8, 2).withVersion(2).toString();
        assertTrue(s.contains("FP32") && s.contains("[6, 4]") && s.contains("[8, 2]") && s.contains("v2"), s);
    }
}
