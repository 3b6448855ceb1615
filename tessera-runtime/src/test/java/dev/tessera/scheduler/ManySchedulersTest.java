package dev.tessera.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.Submitted;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.profiling.TraceStats;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sync-start drains with as many schedulers as a 32-bit mask has bits, and more: 31, 32, 33 and 64
 * schedulers of one cluster each, on the sim platform. A stream of independent AIV tasks keeps every
 * AIV core busy, with a next block always waiting in its pending register; a cohort as wide as all AIV
 * cores but one must still launch while the stream runs, not after it: in RESERVE mode the busy
 * cores are set aside once every scheduler has looked at the cohort, and in FREEZE_ALL nothing new
 * is dispatched at all. (With a 32-bit mask of visitors, 31 schedulers never counted as "all", so
 * the RESERVE cohort waited for the end of the stream; {@link CohortVisitTest} checks the count.)
 */
class ManySchedulersTest {
    private static final int LOAD_TASKS = 12;
    private static final long LOAD_KERNEL_NS = 20_000;

    static Stream<Arguments> counts() {
        return Stream.of(31, 32, 33, 64)
                .flatMap(s -> Stream.of(SyncStartMode.values()).map(m -> Arguments.of(s, m)));
    }

    @ParameterizedTest(name = "{0} schedulers, {1}")
    @MethodSource("counts")
    void aCohortAmongSteadyLoadLaunchesWholeBeforeTheLoadEnds(int schedulers, SyncStartMode mode) {
        Topology topology = Topology.custom(schedulers, schedulers);
        int aiv = topology.aivCores();
        InvariantChecker checker = new InvariantChecker();
        CostModel costs = CostModel.a2a3()
                .withOverride(CostModel.KERNEL_DEFAULT, LOAD_KERNEL_NS)
                .withOverride(CostModel.KERNEL_PREFIX + "mark", 1_000);
        Kernel busy = Kernel.of("busy", ctx -> ctx.tensor(0).setFloat(ctx.blockIdx(), 1));
        Kernel mark = Kernel.of("mark", ctx -> ctx.tensor(0).setFloat(ctx.blockIdx(), ctx.blockIdx() + 1));
        try (Arena arena = Arena.ofShared();
                Runtime rt = Runtime.builder()
                        .topology(topology)
                        .platform(new SimPlatform(costs))
                        .seed(3)
                        .syncStartMode(mode)
                        .observer(checker)
                        .trace(true)
                        .build()) {
            Tensor cohortOut = Tensor.allocate(arena, DType.FP32, aiv);
            List<Tensor> loadOut = new ArrayList<>();
            for (int i = 0; i < LOAD_TASKS; i++) loadOut.add(Tensor.allocate(arena, DType.FP32, aiv));
            long[] cohortId = new long[1];
            RunResult r = rt.run(orch -> {
                for (int i = 0; i < LOAD_TASKS; i++) {
                    orch.submit(TaskSpec.aiv(busy).output(loadOut.get(i)).blocks(aiv));
                    if (i == 0) {
                        Submitted c =
                                orch.submit(TaskSpec.aiv(mark).output(cohortOut).syncStart(aiv - 1));
                        cohortId[0] = c.taskId();
                    }
                }
            });
            checker.assertValid(topology);
            for (int b = 0; b < aiv - 1; b++) assertEquals(b + 1, cohortOut.getFloat(b), "cohort block " + b);
            TraceStats stats = TraceStats.of(r.trace());
            TraceStats.TaskStats cohort = stats.tasks().stream()
                    .filter(t -> t.id() == cohortId[0])
                    .findFirst()
                    .orElseThrow();
            long lastLoadStart = stats.tasks().stream()
                    .filter(t -> t.id() != cohortId[0])
                    .mapToLong(TraceStats.TaskStats::lastStartNs)
                    .max()
                    .orElseThrow();
            assertTrue(
                    cohort.firstStartNs() < lastLoadStart,
                    "the cohort waited for the whole stream: started at " + cohort.firstStartNs()
                            + " ns, the last load block at " + lastLoadStart + " ns");
        }
    }
}
