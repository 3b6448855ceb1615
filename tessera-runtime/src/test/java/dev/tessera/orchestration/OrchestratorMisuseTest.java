package dev.tessera.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestrator;
import dev.tessera.api.OutputSpec;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.core.RunProbe;
import dev.tessera.errors.ErrorCode;
import dev.tessera.errors.InvalidArgumentsException;
import dev.tessera.errors.TesseraException;
import dev.tessera.platform.Platform;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.platform.threaded.ThreadedPlatform;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An {@link Orchestrator} belongs to one run and to the thread running its orchestration function:
 * kept after the run, or called from a kernel, every call is a typed error instead of an internal
 * {@code ArrayIndexOutOfBoundsException}, a silently accepted scope, or a task that runs anyway.
 */
@Timeout(60)
class OrchestratorMisuseTest {
    private static final Topology TOPO = Topology.custom(2, 1);

    private static Platform platform(String name) {
        return name.equals("sim") ? new SimPlatform(CostModel.a2a3()) : new ThreadedPlatform();
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "sim"})
    void everyCallOnAnOrchestratorKeptAfterItsRunIsATypedError(String platform) {
        Orchestrator[] kept = new Orchestrator[1];
        Tensor[] out = new Tensor[1];
        Kernel k = Kernel.of("k", ctx -> {});
        try (Runtime rt =
                Runtime.builder().topology(TOPO).platform(platform(platform)).build()) {
            rt.run(orch -> {
                kept[0] = orch;
                out[0] = orch.submit(TaskSpec.aiv(k).output(DType.FP32, 4)).output(0);
            });
            Orchestrator o = kept[0];
            assertEnded(() -> o.submit(TaskSpec.aiv(k)), "submit");
            assertEnded(o::scope, "scope()");
            assertEnded(() -> o.allocTensors(OutputSpec.of(DType.FP32, 4)), "allocTensors");
            assertEnded(() -> o.readElement(out[0], 0), "readElement");
            // and the runtime is fine for the next run
            AtomicInteger ran = new AtomicInteger();
            rt.run(orch -> orch.submit(TaskSpec.aiv(Kernel.of("again", ctx -> ran.incrementAndGet()))));
            assertEquals(1, ran.get());
        }
    }

    private static void assertEnded(Runnable call, String name) {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, call::run, name);
        assertEquals(ErrorCode.INVALID_ARGS, e.code());
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("run that has ended"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "sim"})
    void aKernelThatSubmitsFailsTheRunAndItsTaskNeverRuns(String platform) {
        assertKernelCannot(
                platform,
                orch -> orch.submit(TaskSpec.aiv(Kernel.of("inner", ctx -> INNER_RAN.incrementAndGet()))),
                "submit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "sim"})
    void aKernelThatOpensAScopeFailsTheRun(String platform) {
        assertKernelCannot(platform, Orchestrator::scope, "scope()");
    }

    private static final AtomicInteger INNER_RAN = new AtomicInteger();

    private static void assertKernelCannot(String platform, Consumer<Orchestrator> call, String name) {
        INNER_RAN.set(0);
        Orchestrator[] orchestrator = new Orchestrator[1];
        Kernel rogue = Kernel.of("rogue", ctx -> call.accept(orchestrator[0]));
        try (Arena arena = Arena.ofShared();
                Runtime rt = Runtime.builder()
                        .topology(TOPO)
                        .platform(platform(platform))
                        .build()) {
            Tensor t = Tensor.allocate(arena, DType.FP32, 4);
            RunProbe p = RunProbe.run(rt, orch -> {
                orchestrator[0] = orch;
                orch.submit(TaskSpec.aiv(rogue).inout(t).named("rogue"));
                orch.readElement(t, 0); // keeps the orchestration, and the orchestrator, alive while the kernel runs
            });
            TesseraException e = assertInstanceOf(TesseraException.class, p.failure());
            assertEquals(ErrorCode.KERNEL_FAILED, e.code(), e.getMessage());
            InvalidArgumentsException cause = assertInstanceOf(InvalidArgumentsException.class, e.getCause());
            assertNotNull(cause.getMessage());
            assertTrue(
                    cause.getMessage().contains(name) && cause.getMessage().contains("a kernel cannot submit tasks"),
                    cause.getMessage());
            assertTrue(e.getMessage().contains("'rogue'"), e.getMessage());
        }
        assertEquals(0, INNER_RAN.get(), "the task submitted from a kernel never ran");
    }
}
