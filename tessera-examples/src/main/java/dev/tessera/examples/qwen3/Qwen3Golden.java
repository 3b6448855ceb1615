package dev.tessera.examples.qwen3;

import static dev.tessera.examples.qwen3.Qwen3Shape.*;

/**
 * The reference's {@code compute_golden} (workloads.md A.6) in double, at the example's sizes, with
 * its bf16 cast points: {@code normed}, the K/V cache, {@code attn_out}, {@code mlp_in}, {@code mlp}
 * and the output. Inputs come as float arrays (their values as the tensors hold them).
 */
final class Qwen3Golden {
    private Qwen3Golden() {}

    /** Weights as float arrays, row-major {@code [in, out]}. */
    record Weights(
            float[] wq,
            float[] wk,
            float[] wv,
            float[] wo,
            float[] wGate,
            float[] wUp,
            float[] wDown,
            float[] inputGamma,
            float[] postGamma,
            float[] qNorm,
            float[] kNorm) {}

    /** Runs {@code layers} layers on {@code x} ([B, H]); updates the caches ([layer][b][t][KV]) in place. */
    static double[] run(Weights w, double[] x0, double[][][][] kCache, double[][][][] vCache, int layers) {
        double[] x = x0.clone();
        int pos = CONTEXT - 1;
        double[] cos = new double[HEAD_DIM / 2];
        double[] sin = new double[HEAD_DIM / 2];
        for (int i = 0; i < HEAD_DIM / 2; i++) {
            double angle = pos * Math.pow(ROPE_THETA, -2.0 * i / HEAD_DIM);
            cos[i] = Math.cos(angle);
            sin[i] = Math.sin(angle);
        }
        for (int l = 0; l < layers; l++) {
            double[] normed = new double[BATCH * HIDDEN];
            double[] inv = new double[BATCH];
            for (int b = 0; b < BATCH; b++) {
                double ss = 0;
                for (int c = 0; c < HIDDEN; c++) {
                    ss += x[b * HIDDEN + c] * x[b * HIDDEN + c];
                    normed[b * HIDDEN + c] = bf16(x[b * HIDDEN + c] * w.inputGamma()[c]);
                }
                inv[b] = 1 / Math.sqrt(ss / HIDDEN + EPS);
            }
            double[] q = scaleRows(matmul(normed, w.wq(), HIDDEN, HIDDEN), inv, HIDDEN);
            double[] k = scaleRows(matmul(normed, w.wk(), HIDDEN, KV_HIDDEN), inv, KV_HIDDEN);
            double[] v = scaleRows(matmul(normed, w.wv(), HIDDEN, KV_HIDDEN), inv, KV_HIDDEN);
            double[] attn = new double[BATCH * HIDDEN];
            double scale = 1 / Math.sqrt(HEAD_DIM);
            for (int b = 0; b < BATCH; b++) {
                for (int g = 0; g < KV_HEADS; g++) {
                    double[] kh = normRotate(k, b * KV_HIDDEN + g * HEAD_DIM, w.kNorm(), cos, sin);
                    for (int d = 0; d < HEAD_DIM; d++) {
                        kCache[l][b][pos][g * HEAD_DIM + d] = bf16(kh[d]);
                        vCache[l][b][pos][g * HEAD_DIM + d] = bf16(v[b * KV_HIDDEN + g * HEAD_DIM + d]);
                    }
                    for (int j = 0; j < GROUP; j++) {
                        int h = g * GROUP + j;
                        double[] qh = normRotate(q, b * HIDDEN + h * HEAD_DIM, w.qNorm(), cos, sin);
                        double[] s = new double[CONTEXT];
                        double max = Double.NEGATIVE_INFINITY;
                        for (int t = 0; t < CONTEXT; t++) {
                            double dot = 0;
                            for (int d = 0; d < HEAD_DIM; d++) dot += qh[d] * kCache[l][b][t][g * HEAD_DIM + d];
                            s[t] = dot * scale;
                            max = Math.max(max, s[t]);
                        }
                        double sum = 0;
                        double[] o = new double[HEAD_DIM];
                        for (int t = 0; t < CONTEXT; t++) {
                            double e = Math.exp(s[t] - max);
                            sum += e;
                            for (int d = 0; d < HEAD_DIM; d++) o[d] += e * vCache[l][b][t][g * HEAD_DIM + d];
                        }
                        for (int d = 0; d < HEAD_DIM; d++) attn[b * HIDDEN + h * HEAD_DIM + d] = bf16(o[d] / sum);
                    }
                }
            }
            double[] proj = matmul(attn, w.wo(), HIDDEN, HIDDEN);
            double[] h1 = new double[BATCH * HIDDEN];
            double[] mlpIn = new double[BATCH * HIDDEN];
            double[] inv2 = new double[BATCH];
            for (int b = 0; b < BATCH; b++) {
                double ss = 0;
                for (int c = 0; c < HIDDEN; c++) {
                    int i = b * HIDDEN + c;
                    h1[i] = x[i] + proj[i];
                    ss += h1[i] * h1[i];
                    mlpIn[i] = bf16(h1[i] * w.postGamma()[c]);
                }
                inv2[b] = 1 / Math.sqrt(ss / HIDDEN + EPS);
            }
            double[] gate = scaleRows(matmul(mlpIn, w.wGate(), HIDDEN, INTERMEDIATE), inv2, INTERMEDIATE);
            double[] up = scaleRows(matmul(mlpIn, w.wUp(), HIDDEN, INTERMEDIATE), inv2, INTERMEDIATE);
            double[] mlp = new double[BATCH * INTERMEDIATE];
            for (int i = 0; i < mlp.length; i++) mlp[i] = bf16(gate[i] / (1 + Math.exp(-gate[i])) * up[i]);
            double[] down = matmul(mlp, w.wDown(), INTERMEDIATE, HIDDEN);
            for (int i = 0; i < x.length; i++) x[i] = down[i] + h1[i];
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = bf16(x[i]);
        return out;
    }

    private static double[] normRotate(double[] src, int at, float[] w, double[] cos, double[] sin) {
        double[] x = new double[HEAD_DIM];
        double ss = 0;
        for (int d = 0; d < HEAD_DIM; d++) {
            x[d] = src[at + d];
            ss += x[d] * x[d];
        }
        double inv = 1 / Math.sqrt(ss / HEAD_DIM + EPS);
        for (int d = 0; d < HEAD_DIM; d++) x[d] *= inv * w[d];
        int half = HEAD_DIM / 2;
        double[] r = new double[HEAD_DIM];
        for (int i = 0; i < half; i++) {
            r[i] = x[i] * cos[i] - x[i + half] * sin[i];
            r[i + half] = x[i + half] * cos[i] + x[i] * sin[i];
        }
        return r;
    }

    private static double[] matmul(double[] a, float[] w, int k, int n) {
        double[] c = new double[BATCH * n];
        for (int b = 0; b < BATCH; b++) {
            for (int p = 0; p < k; p++) {
                double av = a[b * k + p];
                if (av == 0) continue;
                for (int j = 0; j < n; j++) c[b * n + j] += av * w[p * n + j];
            }
        }
        return c;
    }

    private static double[] scaleRows(double[] m, double[] r, int cols) {
        for (int b = 0; b < BATCH; b++) for (int j = 0; j < cols; j++) m[b * cols + j] *= r[b];
        return m;
    }

    private static double bf16(double v) {
        return Qwen3Kernels.bf16(v);
    }
}
