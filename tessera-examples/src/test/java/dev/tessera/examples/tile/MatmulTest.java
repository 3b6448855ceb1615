package dev.tessera.examples.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both matmul implementations against the in-order float loop (bit for bit) and against double
 * (within the float rounding bound), on shapes that reach every edge path: rows not a multiple of
 * 4, columns not a multiple of the vector length, accumulation.
 */
class MatmulTest {
    /** The definition: {@code c[i, j] (+)= Σ_p a[i, p]·b[p, j]} in order, a float multiply and a float add per step. */
    static float[] inOrder(float[] a, float[] b, float[] c0, int m, int k, int n) {
        float[] c = c0.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = c[i * n + j];
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                c[i * n + j] = s;
            }
        }
        return c;
    }

    static float[] random(SplittableRandom rnd, int n, boolean bf16) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            float v = (float) rnd.nextDouble(-1, 1);
            x[i] = bf16 ? Bf16.round(v) : v;
        }
        return x;
    }

    @ParameterizedTest(name = "{0}x{1}x{2} accumulate={3}")
    @CsvSource({
        "16,128,128,false",
        "16,16,16,false",
        "1,1,1,false",
        "5,7,3,true",
        "17,33,65,false",
        "64,64,128,true",
        "4,128,40,false",
        "3,9,200,true"
    })
    void bothImplementationsGiveTheInOrderBits(int m, int k, int n, boolean accumulate) {
        SplittableRandom rnd = new SplittableRandom(m * 1_000_003L + k * 1_009L + n);
        // fp32 inputs: products round, so only the same order of the same operations gives the same bits.
        float[] a = random(rnd, m * k, false);
        float[] b = random(rnd, k * n, false);
        float[] c0 = accumulate ? random(rnd, m * n, false) : new float[m * n];
        float[] expected = inOrder(a, b, c0, m, k, n);

        float[] scalar = c0.clone();
        Matmul.multiply(Matmul.Implementation.SCALAR, a, b, scalar, m, k, n, accumulate);
        assertArrayEquals(expected, scalar, "scalar");
        assertTrue(Matmul.vectorAvailable(), "the tests run with --add-modules jdk.incubator.vector");
        float[] vector = c0.clone();
        Matmul.multiply(Matmul.Implementation.VECTOR, a, b, vector, m, k, n, accumulate);
        assertArrayEquals(expected, vector, "vector");
        float[] auto = c0.clone();
        Matmul.multiply(a, b, auto, m, k, n, accumulate);
        assertArrayEquals(expected, auto, "whichever is warm");
    }

    @ParameterizedTest(name = "{0}x{1}x{2} accumulate={3}")
    @CsvSource({"16,128,256,false", "5,7,3,true", "16,16,16,true"})
    void theTransposedProductHasTheBitsOfTheProductWithB(int m, int k, int n, boolean accumulate) {
        SplittableRandom rnd = new SplittableRandom(m + 31L * k + 961L * n);
        float[] a = random(rnd, m * k, false);
        float[] bt = random(rnd, n * k, false);
        float[] c0 = accumulate ? random(rnd, m * n, false) : new float[m * n];
        float[] b = new float[k * n];
        TileIo.transpose(bt, n, k, b);
        float[] c = c0.clone();
        Matmul.multiplyTransposed(a, bt, c, m, k, n, accumulate);
        assertArrayEquals(inOrder(a, b, c0, m, k, n), c);
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"16,128,128", "8,64,32"})
    void bf16ProductsSummedInFloatStayWithinTheRoundingBound(int m, int k, int n) {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] a = random(rnd, m * k, true);
        float[] bt = random(rnd, n * k, true);
        float[] c = new float[m * n];
        Matmul.multiplyTransposed(a, bt, c, m, k, n, false);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    exact += (double) a[i * k + p] * bt[j * k + p];
                    abs += Math.abs((double) a[i * k + p] * bt[j * k + p]);
                }
                // k-1 float additions, each off by at most half an ulp of the running sum.
                double bound = (k - 1) * Math.ulp(1f) / 2 * abs + 1e-30;
                assertTrue(Math.abs(c[i * n + j] - exact) <= bound, () -> "element off by more than the bound");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SCALAR", "VECTOR"})
    void refusesArraysTooSmall(Matmul.Implementation impl) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Matmul.multiply(impl, new float[3], new float[4], new float[4], 2, 2, 2, false));
        assertTrue(e.getMessage().contains("2x2"), e.getMessage());
    }
}
