package dev.tessera.bench.workloads;

import dev.tessera.bench.workloads.SimProbe.Workload;
import java.util.List;

/**
 * The reference's hardware times for the workload examples (workloads.md A.13; a2a3 from simpler's
 * benchmark corpus, PR #694 "Avg Elapsed" and PR #2009 "Trimmed Effective"; a5 from the PR #1575
 * comment, before and after). A range spans the two published figures.
 */
final class HardwareTimes {
    private HardwareTimes() {}

    /**
     * One published time.
     *
     * @param loUs, hiUs   the two figures (µs), in either order of publication
     * @param orchUs       PR #694's orchestration time for the same run (µs), or 0 when none is published
     */
    record Target(String machine, Workload workload, double loUs, double hiUs, double orchUs, String source) {
        double midUs() {
            return (loUs + hiUs) / 2;
        }

        boolean contains(double us) {
            return us >= loUs && us <= hiUs;
        }
    }

    static final Workload PA_UNROLL_1 = Workload.of("paged-attention", "Case1", "variant", "unroll");
    static final Workload PA_UNROLL_2 = Workload.of("paged-attention", "Case2", "variant", "unroll");
    static final Workload PA_UNROLL_MANUAL_1 = Workload.of("paged-attention", "Case1", "variant", "unroll-manual");
    static final Workload PA_UNROLL_MANUAL_2 = Workload.of("paged-attention", "Case2", "variant", "unroll-manual");
    static final Workload BGEMM_0 = Workload.of("bgemm", "Case0");
    static final Workload ALTERNATING_1 = Workload.of("alternating-matmul-add", "Case1");

    static final List<Target> A2A3 = List.of(
            new Target("a2a3", PA_UNROLL_1, 1_088.8, 1_137.7, 721.6, "#694 / #2009"),
            new Target("a2a3", PA_UNROLL_2, 507.8, 561.1, 273.2, "#694 / #2009"),
            new Target("a2a3", PA_UNROLL_MANUAL_1, 1_084.3, 1_131.2, 0, "#694 / #2009"),
            new Target("a2a3", PA_UNROLL_MANUAL_2, 492.1, 564.6, 0, "#694 / #2009"),
            new Target("a2a3", BGEMM_0, 598.6, 724.9, 549.2, "#694 / #2009"),
            new Target("a2a3", ALTERNATING_1, 773.5, 789.4, 0, "#694 / #2009"));

    static final List<Target> A5 = List.of(
            new Target("a5", BGEMM_0, 1_603.3, 1_796.3, 0, "#1575 after / before"),
            new Target("a5", ALTERNATING_1, 1_409.5, 1_488.4, 0, "#1575 after / before"));
}
