package dev.tessera.examples.vector;

import dev.tessera.api.DType;
import dev.tessera.api.Orchestration;
import dev.tessera.api.Scope;
import dev.tessera.api.Submitted;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.Golden;
import dev.tessera.examples.Options;
import dev.tessera.examples.Verdict;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;

/**
 * {@code vector_example} (spec §6.3): {@code f = (a+b+1)·(a+b+2) + (a+b)} over 128×128 fp32 tiles,
 * with a = 2 and b = 3 everywhere, so f = 47.
 *
 * <p>The graph shows dependencies the runtime infers by itself: t0 {@code c = a+b} creates c as a
 * runtime-allocated output in the outer scope; in a nested scope t1 {@code d = c+1} and t2
 * {@code e = c+2} read c, t3 {@code g = d·e} reads both, and t4 {@code f = g+c} writes the
 * caller's f. Every edge (t0→t1, t0→t2, t1→t3, t2→t3, t0→t4, t3→t4) comes from reading a tensor
 * whose creator is an earlier task; none is declared.
 */
public final class VectorExample implements Example {
    static final int ROWS = 128;
    static final int COLS = 128;
    static final float A = 2.0f;
    static final float B = 3.0f;

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String description() {
        return "f = (a+b+1)(a+b+2)+(a+b) on 128x128 floats, a=2, b=3: five AIV tasks, dependencies inferred (f = 47)";
    }

    @Override
    public ExampleInstance instantiate(Topology topology, Options options) {
        return new Instance();
    }

    @Override
    public String toString() {
        return name();
    }

    private static final class Instance implements ExampleInstance {
        // Shared, not confined: kernels read and write these tensors from core threads.
        private final Arena arena = Arena.ofShared();
        private final Tensor a = Tensor.allocate(arena, DType.FP32, ROWS, COLS);
        private final Tensor b = Tensor.allocate(arena, DType.FP32, ROWS, COLS);
        private final Tensor f = Tensor.allocate(arena, DType.FP32, ROWS, COLS);

        Instance() {
            a.fill(A);
            b.fill(B);
        }

        @Override
        public Orchestration orchestration() {
            return orch -> {
                Submitted t0 = orch.submit(TaskSpec.aiv(VectorKernels.ADD)
                        .input(a, b)
                        .output(DType.FP32, ROWS, COLS)
                        .named("t0 c=a+b"));
                Tensor c = t0.output(0);
                try (Scope inner = orch.scope()) {
                    Tensor d = orch.submit(TaskSpec.aiv(VectorKernels.ADD_SCALAR)
                                    .input(c)
                                    .output(DType.FP32, ROWS, COLS)
                                    .scalar(floatArg(1.0f))
                                    .named("t1 d=c+1"))
                            .output(0);
                    Tensor e = orch.submit(TaskSpec.aiv(VectorKernels.ADD_SCALAR)
                                    .input(c)
                                    .output(DType.FP32, ROWS, COLS)
                                    .scalar(floatArg(2.0f))
                                    .named("t2 e=c+2"))
                            .output(0);
                    Tensor g = orch.submit(TaskSpec.aiv(VectorKernels.MUL)
                                    .input(d, e)
                                    .output(DType.FP32, ROWS, COLS)
                                    .named("t3 g=d*e"))
                            .output(0);
                    orch.submit(TaskSpec.aiv(VectorKernels.ADD)
                            .input(g, c)
                            .output(f)
                            .named("t4 f=g+c"));
                }
            };
        }

        /**
         * A float scalar as its 32 bits, passed as an explicit array: {@code TaskSpec.scalar(float)}
         * currently recurses forever (its call with one long binds back to itself), and a bare long
         * would bind to {@code scalar(float)} too.
         */
        private static long[] floatArg(float v) {
            return new long[] {Float.floatToRawIntBits(v) & 0xFFFFFFFFL};
        }

        @Override
        public String preview() {
            long last = ROWS - 1;
            return "f[0,0] = " + f.get(0, 0) + ", f[0,1] = " + f.get(0, 1) + ", ..., f[" + last + "," + last + "] = "
                    + f.get(last, last) + " (" + f.numel() + " elements; a = " + A + ", b = " + B + ")";
        }

        @Override
        public Verdict verify() {
            // The golden follows the formula in float arithmetic, from the actual inputs.
            float[] expected = new float[ROWS * COLS];
            for (int i = 0; i < expected.length; i++) {
                float s = a.getFloat(a.linearOffset(i)) + b.getFloat(b.linearOffset(i));
                expected[i] = (s + 1.0f) * (s + 2.0f) + s;
            }
            return Golden.exact("f", f, expected);
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}
