package dev.tessera.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.OutputSpec;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.core.RunProbe;
import dev.tessera.platform.Platform;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.platform.threaded.ThreadedPlatform;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sizes that feed arithmetic are bounded when a task is submitted or a runtime is built: past the
 * bound a counter would overflow and the runtime would run something else than asked, silently.
 */
@Timeout(60)
class LimitsTest {
    private static final Topology TOPO = Topology.custom(2, 1);

    private static Platform platform(String name) {
        return name.equals("sim") ? new SimPlatform(CostModel.a2a3()) : new ThreadedPlatform();
    }

    /**
     * blockNum × 3 slots of 1,431,655,766 wraps an int to 2: before the bound, the consumer of the
     * task's output ran after 2 of its kernel executions. Now the submit is refused, nothing of the
     * task runs, and the consumer waits for nothing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"threaded", "sim"})
    void aBlockNumWhoseSubtaskCountOverflowsIsRefusedNamingTheLimit(String platform) {
        AtomicInteger producerRuns = new AtomicInteger();
        Kernel producer = Kernel.of("producer", ctx -> producerRuns.incrementAndGet());
        Kernel consumer = Kernel.of("consumer", ctx -> {});
        TesseraException[] refused = new TesseraException[1];
        try (Arena arena = Arena.ofShared();
                Runtime rt = Runtime.builder()
                        .topology(TOPO)
                        .platform(platform(platform))
                        .build()) {
            Tensor t = Tensor.allocate(arena, DType.FP32, 16);
            RunProbe p = RunProbe.run(rt, orch -> {
                try {
                    orch.submit(TaskSpec.mix(producer, producer, producer)
                            .inout(t)
                            .blocks(1_431_655_766)
                            .named("huge"));
                } catch (TesseraException e) {
                    refused[0] = e;
                }
                orch.submit(TaskSpec.aiv(consumer).input(t));
            });
            p.result();
            p.assertNothingLeaked();
        }
        InvalidArgumentsException e = assertInstanceOf(InvalidArgumentsException.class, refused[0]);
        assertEquals(ErrorCode.INVALID_ARGS, e.code());
        assertTrue(
                e.getMessage().contains("'huge'")
                        && e.getMessage().contains("32767")
                        && e.getMessage().contains("1431655766"),
                e.getMessage());
        assertEquals(0, producerRuns.get());
    }

    @Test
    void theWidestTaskStillRuns() {
        AtomicInteger runs = new AtomicInteger();
        Kernel k = Kernel.of("count", ctx -> runs.incrementAndGet());
        try (Runtime rt = Runtime.builder()
                .topology(TOPO)
                .platform(new SimPlatform(CostModel.a2a3().withOverride("kernel.default", 10)))
                .build()) {
            rt.run(orch -> orch.submit(TaskSpec.aiv(k).blocks(32_767)));
        }
        assertEquals(32_767, runs.get());
    }

    /**
     * {@code .output(FP32, Long.MAX_VALUE)} and 2^31 × 2^31 overflow the byte count; -5 is no
     * dimension. Each used to escape as an internal exception wrapped as ORCHESTRATION_FAILED.
     */
    @Test
    void impossibleOutputsAreInvalidArgumentsNamingTheLimitAndTheTask() {
        Kernel k = Kernel.of("k", ctx -> {});
        assertInvalid(
                () -> TaskSpec.aiv(k).output(DType.FP32, Long.MAX_VALUE).named("maxed"), "'maxed'", "281474976710656");
        assertInvalid(
                () -> TaskSpec.aiv(k).output(DType.FP32, 1L << 31, 1L << 31).named("square"),
                "'square'",
                "[2147483648, 2147483648]",
                "281474976710656");
        assertInvalid(
                () -> TaskSpec.aiv(k).output(DType.FP32, -5).named("negative"), "'negative'", "[-5]", "dimension < 1");
        assertInvalid(() -> TaskSpec.aiv(k).output(DType.FP32).named("scalar"), "'scalar'", "1..5 dimensions");
    }

    private static void assertInvalid(Supplier<TaskSpec> spec, String... fragments) {
        TesseraException[] thrown = new TesseraException[1];
        try (Runtime rt = Runtime.builder().topology(TOPO).build()) {
            RunProbe p = RunProbe.run(rt, orch -> {
                try {
                    orch.submit(spec.get());
                } catch (TesseraException e) {
                    thrown[0] = e;
                }
            });
            p.result();
            p.assertNothingLeaked();
        }
        InvalidArgumentsException e = assertInstanceOf(InvalidArgumentsException.class, thrown[0]);
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "mentions " + f + ": " + e.getMessage());
    }

    @Test
    void anOutputSpecBuiltByHandIsInvalidArgumentsToo() {
        failsWith(
                orch -> TaskSpec.aiv(Kernel.of("k", ctx -> {})).output(OutputSpec.of(DType.FP16, -5)),
                InvalidArgumentsException.class,
                ErrorCode.INVALID_ARGS,
                "dimension < 1");
        failsWith(
                orch -> orch.allocTensors(OutputSpec.of(DType.INT64, Long.MAX_VALUE / 2)),
                InvalidArgumentsException.class,
                ErrorCode.INVALID_ARGS,
                "2^48");
    }

    @Test
    void anOutputThatFitsALongButNotTheHeapGetsTheHeapRingMessage() {
        failsWith(
                orch -> orch.submit(TaskSpec.aiv(Kernel.of("k", ctx -> {}))
                        .output(DType.FP32, 1L << 40)
                        .named("big")),
                DeadlockException.class,
                ErrorCode.HEAP_RING_DEADLOCK,
                "'big'",
                "4398046511104 bytes",
                "use heapBytes ≥ 4398046511104");
        failsWith(
                orch -> {
                    TaskSpec s = TaskSpec.aiv(Kernel.of("k", ctx -> {})).named("many");
                    for (int i = 0; i < 16; i++) s.output(DType.INT8, 1L << 48);
                    orch.submit(s);
                },
                DeadlockException.class,
                ErrorCode.HEAP_RING_DEADLOCK,
                "'many'",
                "largest heap ring",
                "split the outputs");
    }

    private static void failsWith(
            Consumer<dev.tessera.api.Orchestrator> body,
            Class<? extends TesseraException> type,
            ErrorCode code,
            String... fragments) {
        try (Runtime rt = Runtime.builder().topology(TOPO).build()) {
            RunProbe p = RunProbe.run(rt, body::accept);
            TesseraException e = assertInstanceOf(type, p.failure());
            assertEquals(code, e.code());
            for (String f : fragments) assertTrue(e.getMessage().contains(f), "mentions " + f + ": " + e.getMessage());
            p.assertNothingLeaked();
        }
    }

    @Test
    void tensorsWhoseByteCountOverflowsAreRefused() {
        try (Arena arena = Arena.ofShared()) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> Tensor.allocate(arena, DType.FP32, 1L << 31, 1L << 31));
            assertTrue(e.getMessage().contains("[2147483648, 2147483648]"), e.getMessage());
        }
    }

    @Test
    void runtimeSizesAreBounded() {
        IllegalArgumentException window = assertThrows(
                IllegalArgumentException.class,
                () -> Runtime.builder().taskWindow(1 << 29).build());
        assertTrue(window.getMessage().contains("1048576"), window.getMessage());
        IllegalArgumentException heap = assertThrows(
                IllegalArgumentException.class,
                () -> Runtime.builder().heapBytes(Long.MAX_VALUE).build());
        assertTrue(heap.getMessage().contains("281474976710656"), heap.getMessage());
    }
}
