package dev.tessera.examples.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.api.DType;
import dev.tessera.api.Tensor;
import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

class TileIoTest {
    @Test
    void loadsAndStoresContiguousStridedAndBf16Views() {
        try (Arena arena = Arena.ofShared()) {
            for (DType dt : new DType[] {DType.FP32, DType.BF16, DType.FP16}) {
                Tensor t = Tensor.allocate(arena, dt, 6, 8);
                for (int i = 0; i < 48; i++) t.setRaw(i, i * 0.25);
                // rows 1..4, columns 2..6 (strided rows), and its transpose (strided columns)
                Tensor view = t.view(new long[] {4, 5}, new long[] {1, 2});
                float[] x = new float[20];
                TileIo.load(view, x);
                for (int r = 0; r < 4; r++)
                    for (int c = 0; c < 5; c++) assertEquals((float) view.get(r, c), x[r * 5 + c], dt + " load");
                Tensor transposed = view.transpose(0, 1);
                float[] y = new float[20];
                TileIo.load(transposed, y);
                for (int r = 0; r < 5; r++)
                    for (int c = 0; c < 4; c++) assertEquals(x[c * 5 + r], y[r * 4 + c], dt + " transposed");
                for (int i = 0; i < 20; i++) x[i] = -x[i] - 1.3f;
                TileIo.store(x, view);
                for (int r = 0; r < 4; r++) {
                    for (int c = 0; c < 5; c++) {
                        float expected = dt == DType.FP32
                                ? x[r * 5 + c]
                                : dt == DType.BF16
                                        ? Bf16.round(x[r * 5 + c])
                                        : Float.float16ToFloat(Float.floatToFloat16(x[r * 5 + c]));
                        assertEquals(expected, (float) view.get(r, c), dt + " store");
                    }
                }
                assertEquals(0.25 * 7, t.get(0, 7), "outside the view untouched");
            }
        }
    }

    @Test
    void transposesTilesOfAnySize() {
        for (int[] rc : new int[][] {{1, 1}, {16, 16}, {37, 21}, {256, 128}, {3, 40}}) {
            int rows = rc[0];
            int cols = rc[1];
            float[] src = new float[rows * cols];
            for (int i = 0; i < src.length; i++) src[i] = i;
            float[] dst = new float[rows * cols];
            TileIo.transpose(src, rows, cols, dst);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) assertEquals(src[r * cols + c], dst[c * rows + r], rows + "x" + cols);
            }
        }
    }

    @Test
    void refusesIntegerTensorsAndThreeDimensions() {
        try (Arena arena = Arena.ofShared()) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TileIo.load(Tensor.allocate(arena, DType.INT32, 4), new float[4]));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TileIo.load(Tensor.allocate(arena, DType.FP32, 2, 2, 2), new float[8]));
        }
    }
}
