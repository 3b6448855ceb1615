package dev.tessera.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.topology.Topology;
import dev.tessera.verify.InvariantChecker;
import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sync-start cohorts launch whole, on idle cores, and are never starved by independent work.
 * Independent normal tasks (separate outputs) keep every core busy around the cohorts, which is
 * exactly what the reference's chained tests never exercise.
 */
class SyncStartTest {
    static Stream<Arguments> modes() {
        return Stream.of(SyncStartMode.values())
                .flatMap(m -> Stream.of(DispatchPolicy.SERIAL, DispatchPolicy.PARALLEL)
                        .flatMap(p -> Stream.of(Topology.a2a3(), Topology.custom(6, 3))
                                .map(t -> Arguments.of(m, p, t))));
    }

    @ParameterizedTest
    @MethodSource("modes")
    void cohortsLaunchWholeAmongIndependentLoad(SyncStartMode mode, DispatchPolicy policy, Topology topology) {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            InvariantChecker checker = new InvariantChecker();
            int clusters = topology.clusters();
            int rounds = 6;
            int normalPerRound = 8;
            try (Arena arena = Arena.ofShared();
                    Runtime rt = Runtime.builder()
                            .topology(topology)
                            .policy(policy)
                            .syncStartMode(mode)
                            .observer(checker)
                            .build()) {
                Tensor[] normal = new Tensor[rounds * normalPerRound];
                for (int i = 0; i < normal.length; i++) normal[i] = Tensor.allocate(arena, DType.FP32, 4L * clusters);
                Tensor[] cohortOut = new Tensor[rounds * 2];
                for (int i = 0; i < cohortOut.length; i++)
                    cohortOut[i] = Tensor.allocate(arena, DType.FP32, 2L * clusters);
                Kernel busy = Kernel.of("busy", ctx -> {
                    spin(20_000);
                    ctx.tensor(0).setFloat(ctx.blockIdx(), ctx.blockIdx() + 1);
                });
                Kernel mark = Kernel.of("mark", ctx -> ctx.tensor(0).setFloat(ctx.blockIdx(), ctx.blockIdx() + 1));
                rt.run(orch -> {
                    int n = 0;
                    int c = 0;
                    for (int r = 0; r < rounds; r++) {
                        for (int i = 0; i < normalPerRound; i++) {
                            TaskSpec spec = (i % 2 == 0 ? TaskSpec.mix(busy, busy, null) : TaskSpec.aiv(busy));
                            orch.submit(spec.output(normal[n++]).blocks(Math.max(2, clusters / 3)));
                        }
                        orch.submit(TaskSpec.mix(mark, mark, mark)
                                .output(cohortOut[c++])
                                .syncStart(clusters));
                        orch.submit(TaskSpec.aiv(mark).output(cohortOut[c++]).syncStart(2 * clusters - 1));
                    }
                });
                checker.assertValid(topology);
                for (int i = 0; i < cohortOut.length; i++) {
                    int blocks = i % 2 == 0 ? clusters : 2 * clusters - 1;
                    for (int b = 0; b < blocks; b++)
                        assertEquals(b + 1, cohortOut[i].getFloat(b), "cohort " + i + " block " + b);
                }
            }
        });
    }

    private static void spin(long ns) {
        long end = System.nanoTime() + ns;
        while (System.nanoTime() < end) Thread.onSpinWait();
    }
}
