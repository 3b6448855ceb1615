package dev.tessera.examples.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.KernelContext;
import dev.tessera.api.TileKernel;
import dev.tessera.examples.ForwardingContext;
import dev.tessera.examples.Options;
import dev.tessera.examples.Verdict;
import dev.tessera.examples.WorkloadRuns;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PagedAttentionTest {
    private static final PagedAttentionExample EXAMPLE = new PagedAttentionExample();

    /**
     * Every variant, at the two small sizes, on both platforms under both policies. CaseVarSeq4 runs
     * with groups of 3 blocks (so the unrolled variants merge several groups, the last one short) and
     * a scale that is not 1 (so a kernel that drops it would show).
     */
    static Stream<Arguments> smallRuns() {
        List<Arguments> out = new ArrayList<>();
        for (Variant v : Variant.values()) {
            for (String platform : List.of("sim", "threaded")) {
                for (DispatchPolicy p : List.of(DispatchPolicy.SERIAL, DispatchPolicy.PARALLEL)) {
                    out.add(Arguments.of(v.optionName(), "CaseSmall1", Map.of(), platform, p));
                    out.add(Arguments.of(
                            v.optionName(), "CaseVarSeq4", Map.of("group-blocks", "3", "scale", "0.125"), platform, p));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} on {3} with {4}")
    @MethodSource("smallRuns")
    void matchesTheGolden(
            String variant, String caseName, Map<String, String> extra, String platform, DispatchPolicy policy) {
        Map<String, String> options = new HashMap<>(extra);
        options.put("variant", variant);
        WorkloadRuns.Outcome o = WorkloadRuns.run(EXAMPLE, caseName, options, platform, policy);
        assertTrue(o.verdict().passed(), o.verdict().describe());
        AttentionShape shape = AttentionShape.of(Options.resolve(EXAMPLE, caseName, options));
        assertEquals(shape.tasks(), o.result().tasks(), "tasks, allocs included");
    }

    /** The reference's task counts (workloads.md A.1, A.3), and ours for Medium; large ones timing-only on sim. */
    @ParameterizedTest(name = "{0} {1}: {2} tasks")
    @CsvSource({
        "baseline, CaseSmall1, 13",
        "baseline, CaseSmall2, 33",
        "baseline, CaseVarSeq2, 22",
        "baseline, CaseVarSeq4, 68",
        "baseline, Medium, 264",
        "manual, Medium, 264",
        "unroll, Case1, 1280",
        "unroll-manual, Case2, 576"
    })
    void submitsTheReferencesTaskCounts(String variant, String caseName, long tasks) {
        Options o =
                Options.resolve(EXAMPLE, caseName, Map.of("variant", variant)).timingOnly();
        assertEquals(tasks, AttentionShape.of(o).tasks());
        WorkloadRuns.Outcome out = WorkloadRuns.run(EXAMPLE, o, Topology.a2a3(), true, DispatchPolicy.PARALLEL);
        assertEquals(tasks, out.result().tasks());
        assertFalse(out.verdict().wasChecked());
    }

    /** A kernel that wrongly skips a KV block, or ignores the scale, must fail the golden. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "baseline, skipped block",
        "unroll, skipped block",
        "baseline, wrong scale",
        "unroll-manual, wrong scale"
    })
    void theGoldenCatchesASkippedTileAndAWrongScale(String variant, String fault) {
        AttentionKernels.Set perBlock = AttentionKernels.PER_BLOCK;
        AttentionKernels.Set perGroup = AttentionKernels.PER_GROUP;
        if (fault.equals("skipped block")) {
            // The updates of the middle blocks (or groups) leave the accumulators as they were.
            TileKernel up = perBlock.update();
            TileKernel skipping = TileKernel.of(
                    up.name(),
                    ctx -> {
                        if (!isMiddle(ctx)) up.run(ctx);
                    },
                    up::work);
            perBlock = new AttentionKernels.Set(perBlock.qk(), perBlock.softmax(), perBlock.pv(), skipping);
            perGroup = new AttentionKernels.Set(perGroup.qk(), perGroup.softmax(), perGroup.pv(), skipping);
        } else {
            // Softmax with scale 1 instead of the one passed.
            perBlock = new AttentionKernels.Set(
                    perBlock.qk(), unscaled(perBlock.softmax()), perBlock.pv(), perBlock.update());
            perGroup = new AttentionKernels.Set(
                    perGroup.qk(), unscaled(perGroup.softmax()), perGroup.pv(), perGroup.update());
        }
        PagedAttentionExample faulty = new PagedAttentionExample(perBlock, perGroup);
        Map<String, String> options = Map.of("variant", variant, "group-blocks", "2", "scale", "0.125");
        Verdict v = WorkloadRuns.run(
                        faulty,
                        Options.resolve(faulty, "CaseVarSeq4", options),
                        Topology.a2a3(),
                        true,
                        DispatchPolicy.PARALLEL)
                .verdict();
        assertFalse(v.passed(), fault + " passed");
        assertTrue(v.mismatches() > 0 && v.describe().startsWith("FAIL"), v.describe());
        // The same options with the right kernels pass: the failure is the fault's.
        assertTrue(WorkloadRuns.run(
                        EXAMPLE,
                        Options.resolve(EXAMPLE, "CaseVarSeq4", options),
                        Topology.a2a3(),
                        true,
                        DispatchPolicy.PARALLEL)
                .verdict()
                .passed());
    }

    /** Neither the first nor the last update of a sequence: a middle block (or group) of a long one. */
    private static boolean isMiddle(KernelContext ctx) {
        return ctx.scalar(0) == 0 && ctx.scalar(1) == 0;
    }

    private static TileKernel unscaled(TileKernel softmax) {
        return TileKernel.of(softmax.name(), ctx -> softmax.run(new ScaleOne(ctx)), softmax::work);
    }

    /** A context whose first scalar (the scale) reads 1.0f. */
    private static final class ScaleOne extends ForwardingContext {
        ScaleOne(KernelContext ctx) {
            super(ctx);
        }

        @Override
        public long scalar(int i) {
            return i == 0 ? Float.floatToRawIntBits(1.0f) : ctx.scalar(i);
        }
    }
}
