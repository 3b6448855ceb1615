package dev.tessera.examples.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.KernelContext;
import dev.tessera.api.KernelWork;
import dev.tessera.api.Tensor;
import dev.tessera.api.TileKernel;
import dev.tessera.examples.Example;
import dev.tessera.examples.ForwardingContext;
import dev.tessera.examples.Options;
import dev.tessera.examples.Verdict;
import dev.tessera.examples.WorkloadRuns;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GemmExamplesTest {
    /** Small sizes of both examples (every axis away from 1), on both platforms under both policies. */
    static Stream<Arguments> smallRuns() {
        List<Arguments> out = new ArrayList<>();
        List<Object[]> sizes = List.of(
                new Object[] {new BgemmExample(), null, Map.of("tasks", "8", "tile", "16", "loop", "2", "grid-k", "4")},
                new Object[] {new BgemmExample(), "Bgemm64", Map.of()},
                new Object[] {
                    new AlternatingExample(),
                    null,
                    Map.of("batch", "3", "m", "2", "n", "3", "matmul-batch", "2", "add-batch", "3")
                });
        for (Object[] s : sizes) {
            for (String platform : List.of("sim", "threaded")) {
                for (DispatchPolicy p : List.of(DispatchPolicy.SERIAL, DispatchPolicy.PARALLEL)) {
                    out.add(Arguments.of(s[0], s[1], s[2], platform, p));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} on {3} with {4}")
    @MethodSource("smallRuns")
    void matchesTheGolden(
            Example e, String caseName, Map<String, String> options, String platform, DispatchPolicy policy) {
        WorkloadRuns.Outcome o = WorkloadRuns.run(e, caseName, options, platform, policy);
        assertTrue(o.verdict().passed(), o.verdict().describe());
    }

    /** The reference's task counts, timing-only on sim. */
    @ParameterizedTest(name = "{0} {1}: {2} tasks")
    @CsvSource({
        "bgemm, Case0, 1000",
        "bgemm, Case3, 128",
        "bgemm, Bgemm64, 64",
        "alternating-matmul-add, Case1, 1000",
        "alternating-matmul-add, Case2, 768"
    })
    void submitsTheReferencesTaskCounts(String name, String caseName, long tasks) {
        Example e = name.equals("bgemm") ? new BgemmExample() : new AlternatingExample();
        WorkloadRuns.Outcome o = WorkloadRuns.run(
                e, Options.resolve(e, caseName, Map.of()).timingOnly(), Topology.a2a3(), true, DispatchPolicy.PARALLEL);
        assertEquals(tasks, o.result().tasks());
    }

    @Test
    void theGoldenCatchesASkippedTile() {
        // An ADD that adds every tile of its task but the last.
        TileKernel add = GemmKernels.BGEMM_ADD;
        TileKernel skipping = TileKernel.of(add.name(), ctx -> add.run(new FirstTiles(ctx)), add::work);
        Example faulty = new BgemmExample(GemmKernels.BGEMM_GEMM, skipping);
        Verdict v = WorkloadRuns.run(
                        faulty,
                        null,
                        Map.of("tasks", "4", "tile", "16", "loop", "2", "grid-k", "2"),
                        "sim",
                        DispatchPolicy.PARALLEL)
                .verdict();
        assertFalse(v.passed());
        assertTrue(v.mismatches() > 0, v.describe());
    }

    @Test
    void kernelsCountTheirWorkFromTheirTileShapes() {
        assertEquals(
                new KernelWork(4L * 128 * 128 * 128, 0, 3L * 4 * 128 * 128 * 4),
                GemmKernels.matmulWork(4L * 128 * 128, 128));
        assertEquals(new KernelWork(0, 65_536, 3L * 65_536 * 4), GemmKernels.addWork(65_536));
    }

    /** Shows the ADD kernel C and T without their last tile's worth of elements. */
    private static final class FirstTiles extends ForwardingContext {
        FirstTiles(KernelContext ctx) {
            super(ctx);
        }

        @Override
        public Tensor tensor(int i) {
            Tensor t = ctx.tensor(i);
            if (i > 1) return t;
            long tile = GemmKernels.configTile(ctx.tensor(2));
            return t.view(new long[] {t.numel() - tile * tile}, new long[] {0});
        }
    }
}
