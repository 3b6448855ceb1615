package dev.tessera.examples.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowSoftmaxTest {
    @Test
    void masksScalesRoundsAndSumsTheRoundedValues() {
        int rows = 3;
        int cols = 5;
        int valid = 3;
        float scale = 0.5f;
        SplittableRandom rnd = new SplittableRandom(1);
        float[] s = new float[rows * cols];
        for (int i = 0; i < s.length; i++) s[i] = (float) rnd.nextDouble(-4, 4);
        s[4] = 1e9f; // masked: must not count in the maximum
        float[] max = new float[rows];
        float[] p = new float[rows * cols];
        float[] sum = new float[rows];
        RowSoftmax.rowMax(s, 0, rows, cols, valid, scale, max, false);
        RowSoftmax.expRoundSum(s, 0, rows, cols, valid, scale, max, p, 0, sum, false);
        for (int r = 0; r < rows; r++) {
            float m = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < valid; c++) m = Math.max(m, s[r * cols + c] * scale);
            assertEquals(m, max[r]);
            float l = 0;
            for (int c = 0; c < cols; c++) {
                float expected = c < valid ? Bf16.round((float) Math.exp(s[r * cols + c] * scale - m)) : 0f;
                assertEquals(expected, p[r * cols + c], "p[" + r + "," + c + "]");
                l += p[r * cols + c];
            }
            assertEquals(l, sum[r], "the sum is of the rounded values");
        }
    }

    @Test
    void mergingTwoBlocksEqualsOneSoftmaxOverBoth() {
        // Without rounding in the way (p values exact in bf16 are not the point here), the online update
        // of two halves must equal the softmax-weighted sum over the whole row.
        int cols = 4;
        float[] mi = {1f};
        float[] li = {2f};
        float[] oi = {1, 2, 3, 4};
        float[] mij = {3f};
        float[] lij = {0.5f};
        float[] oNew = {4, 3, 2, 1};
        RowSoftmax.merge(mi, li, oi, mij, lij, oNew, 1, cols, false);
        double alpha = Math.exp(1 - 3);
        assertEquals(3f, mi[0]);
        assertEquals(alpha * 2 + 0.5, li[0], 1e-6);
        for (int c = 0; c < cols; c++) assertEquals(alpha * (c + 1) + (4 - c), oi[c], 1e-5);
        float[] out = new float[cols];
        RowSoftmax.normalise(oi, li, 1, cols, out);
        assertEquals(oi[0] / li[0], out[0]);
    }

    @Test
    void firstBlockReplacesTheAccumulators() {
        float[] mi = {9f};
        float[] li = {9f};
        float[] oi = {9f, 9f};
        RowSoftmax.merge(mi, li, oi, new float[] {1f}, new float[] {2f}, new float[] {3f, 4f}, 1, 2, true);
        assertEquals(1f, mi[0]);
        assertEquals(2f, li[0]);
        assertEquals(4f, oi[1]);
    }

    @Test
    void refusesAValidLengthOutsideTheTile() {
        assertThrows(
                IllegalArgumentException.class,
                () -> RowSoftmax.rowMax(new float[4], 0, 1, 4, 0, 1f, new float[1], false));
        assertThrows(
                IllegalArgumentException.class,
                () -> RowSoftmax.rowMax(new float[4], 0, 1, 4, 5, 1f, new float[1], false));
    }
}
