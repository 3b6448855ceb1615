package dev.tessera.examples.qk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.api.KernelContext;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.Tensor;
import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.Examples;
import dev.tessera.examples.Verdict;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.CoreType;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The QK demo on the runtime: its golden passes, and kernels that get tiles or sums wrong fail it. */
class QkDemoTest {
    private static final int SKIPPED = 13;

    private record Ran(RunResult result, Verdict verdict, String preview) {}

    private static Ran run(Example example, Topology topology, DispatchPolicy policy) {
        InvariantChecker checker = new InvariantChecker();
        try (Runtime rt = Runtime.builder()
                        .topology(topology)
                        .policy(policy)
                        .seed(11)
                        .observer(checker)
                        .build();
                ExampleInstance instance = example.instantiate(topology)) {
            RunResult result = rt.run(instance.orchestration());
            checker.assertValid(topology);
            return new Ran(result, instance.verify(), instance.preview());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"serial", "parallel"})
    void passesOnA2a3WithTwentyFourBlocksPerTask(String policy) {
        Example demo = Examples.byName("qk-demo").orElseThrow();
        Ran r = run(demo, Topology.a2a3(), DispatchPolicy.parse(policy));
        assertTrue(r.verdict().passed(), r.verdict().describe());
        assertEquals(
                (long) QkDemoExample.TASKS * 24 * QkDemoExample.TILE_ROWS * QkDemoExample.COLS,
                r.verdict().checked());
        assertEquals(QkDemoExample.TASKS, r.result().tasks());
        assertEquals(QkDemoExample.TASKS * 24L, r.result().blocks());
        assertEquals(QkDemoExample.TASKS * 24L, r.result().subtasks(), "AIC tasks: one core dispatch per block");
        assertTrue(r.preview().contains("4 tasks x 24 blocks of 16x256, d = 128"), r.preview());
    }

    @Test
    void blocksFollowTheClusters() {
        assertEquals(24, QkDemoExample.blocks(Topology.a2a3()));
        assertEquals(36, QkDemoExample.blocks(Topology.a5()));
        assertEquals(4, QkDemoExample.blocks(Topology.custom(4, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"serial", "parallel"})
    void aSkippedBlockFailsExactlyInItsTile(String policy) {
        Kernel real = QkKernels.QK_MATMUL;
        Kernel skipping = Kernel.of("qk_matmul_skipping", ctx -> {
            if (ctx.blockIdx() != SKIPPED) real.run(ctx);
        });
        Ran r = run(new QkDemoExample(skipping), Topology.a2a3(), DispatchPolicy.parse(policy));
        Verdict v = r.verdict();
        assertFalse(v.passed(), "a skipped block went unnoticed");
        long tile = (long) QkDemoExample.TILE_ROWS * QkDemoExample.COLS;
        // One tile of each task stays zero; an exact value within ATOL of zero would hide an element, never add one.
        assertTrue(
                v.mismatches() > QkDemoExample.TASKS * tile * 9 / 10 && v.mismatches() <= QkDemoExample.TASKS * tile,
                v.describe());
        for (Verdict.Mismatch m : v.firstMismatches()) {
            assertEquals("S0", m.tensor(), v.describe());
            assertEquals(SKIPPED, m.index() / tile, "mismatch outside the skipped tile: " + m);
            assertEquals(0.0, m.actual(), m.toString());
        }
    }

    @Test
    void aDotProductMissingItsLastTermFails() {
        // The tolerance must be far below one product of the sum: drop j = d-1 by handing the kernel a narrower view.
        Kernel shortSum = Kernel.of("qk_matmul_short", ctx -> QkKernels.qkMatmul(new NarrowedContext(ctx)));
        Ran r = run(new QkDemoExample(shortSum), Topology.custom(4, 2), DispatchPolicy.PARALLEL);
        assertFalse(r.verdict().passed(), "a dot product of d-1 terms passed the golden");
        // |q·k| of one term is below ATOL only rarely (|q|,|k| uniform in [-1, 1]): nearly every element differs.
        assertTrue(
                r.verdict().mismatches() > r.verdict().checked() * 9 / 10,
                r.verdict().describe());
    }

    /** The same block, with Q and K cut to their first d-1 columns. */
    private record NarrowedContext(KernelContext inner) implements KernelContext {
        @Override
        public int blockIdx() {
            return inner.blockIdx();
        }

        @Override
        public int blockNum() {
            return inner.blockNum();
        }

        @Override
        public int subBlockId() {
            return inner.subBlockId();
        }

        @Override
        public CoreType coreType() {
            return inner.coreType();
        }

        @Override
        public int coreId() {
            return inner.coreId();
        }

        @Override
        public int clusterId() {
            return inner.clusterId();
        }

        @Override
        public long taskId() {
            return inner.taskId();
        }

        @Override
        public int tensorCount() {
            return inner.tensorCount();
        }

        @Override
        public int scalarCount() {
            return inner.scalarCount();
        }

        @Override
        public long scalar(int i) {
            return inner.scalar(i);
        }

        @Override
        public Tensor tensor(int i) {
            Tensor t = inner.tensor(i);
            return i < 2 ? t.slice(1, 0, t.shape(1) - 1) : t;
        }
    }

    @Test
    void passesOnA5AndASmallMachine() {
        for (Topology t : new Topology[] {Topology.a5(), Topology.custom(4, 2), Topology.custom(1, 1)}) {
            Ran r = run(new QkDemoExample(), t, DispatchPolicy.PARALLEL);
            assertTrue(r.verdict().passed(), t + ": " + r.verdict().describe());
            assertEquals(QkDemoExample.TASKS * (long) t.clusters(), r.result().blocks(), t.toString());
        }
    }
}
