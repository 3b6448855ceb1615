package dev.tessera.profiling;

import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;

/**
 * Hand-made traces of one 24-block AIV task on 24 clusters and 3 schedulers, the PR #827 picture:
 * before, scheduler 0 dispatches 16 blocks and then scheduler 1 the last 8, one every 5 µs; after,
 * the three schedulers dispatch 8 blocks each at the same time, 100 ns apart.
 */
final class SampleTraces {
    static final Topology TOPOLOGY = Topology.custom(24, 3);
    static final long TASK = 7, STEP = 5_000, PICKUP = 500, RUN = 20_000, FIN_DELAY = 300;

    private SampleTraces() {}

    /** Block k is dispatched at 1000 + 5000 k by scheduler 0 (k < 16, both AIV lanes) or 1 (AIV0). */
    static Trace serial() {
        Trace.Builder b = Trace.builder(TOPOLOGY, "sim", "SERIAL").task(TASK, "vec_add", 24, Trace.SHAPE_AIV, false, 0);
        long last = 0;
        for (int k = 0; k < 24; k++) {
            int scheduler = k < 16 ? 0 : 1;
            int core = k < 16
                    ? TOPOLOGY.coreId(3 * (k / 2), k % 2 == 0 ? Lane.AIV0 : Lane.AIV1)
                    : TOPOLOGY.coreId(1 + 3 * (k - 16), Lane.AIV0);
            last = block(b, k, core, scheduler, 1_000 + STEP * k);
        }
        return b.build(last);
    }

    /** Block k goes to scheduler k % 3's k/3-th cluster at 1000 + 5000 (k/3) + 100 (k%3). */
    static Trace parallel() {
        Trace.Builder b =
                Trace.builder(TOPOLOGY, "sim", "PARALLEL").task(TASK, "vec_add", 24, Trace.SHAPE_AIV, false, 0);
        long last = 0;
        for (int k = 0; k < 24; k++) {
            int s = k % 3, j = k / 3;
            last = Math.max(last, block(b, k, TOPOLOGY.coreId(s + 3 * j, Lane.AIV0), s, 1_000 + STEP * j + 100L * s));
        }
        return b.build(last);
    }

    /** Adds one block and returns when its finish was seen. */
    private static long block(Trace.Builder b, int k, int core, int scheduler, long dispatch) {
        long start = dispatch + PICKUP, end = start + RUN;
        b.subtask(TASK, k, core, scheduler, 0, dispatch, start, end, end + FIN_DELAY);
        return end + FIN_DELAY;
    }
}
