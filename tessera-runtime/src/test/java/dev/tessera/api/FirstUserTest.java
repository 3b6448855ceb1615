package dev.tessera.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.errors.ErrorCode;
import dev.tessera.errors.InvalidArgumentsException;
import dev.tessera.errors.TesseraException;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.SimPlatform;
import dev.tessera.platform.threaded.ThreadedPlatform;
import dev.tessera.profiling.Trace;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The surprises a first-time user met (issue 10), each now impossible, a typed error, or the
 * documented behaviour: null kernels, launch specs that overwrite each other, dummies with a
 * width, scopes closed twice, a5 variants with one name, outputs lost after the run, the lane of
 * a MIX kernel, and choosing the platform on the builder.
 */
class FirstUserTest {
    private static final Topology TOPO = Topology.custom(2, 1);
    private static final Kernel NOTHING = Kernel.of("nothing", ctx -> {});

    private static Runtime sim() {
        return Runtime.builder().topology(TOPO).sim().trace(true).build();
    }

    @Test
    void mistakesWhileBuildingAreReportedBySubmitAsInvalidArgs() {
        Map<String, Consumer<Orchestrator>> cases = new LinkedHashMap<>();
        cases.put("null AIC kernel", o -> o.submit(TaskSpec.aic(null).named("t")));
        cases.put("null AIV kernel", o -> o.submit(TaskSpec.aiv(null).named("t")));
        cases.put(
                "null input array",
                o -> o.submit(TaskSpec.aiv(NOTHING).input((Tensor[]) null).named("t")));
        cases.put(
                "null launch", o -> o.submit(TaskSpec.aiv(NOTHING).launch(null).named("t")));
        cases.put(
                "null dependencies",
                o -> o.submit(TaskSpec.aiv(NOTHING).dependsOn((long[]) null).named("t")));
        cases.put("dummy with blocks", o -> o.submit(TaskSpec.dummy().blocks(4).named("t")));
        cases.put(
                "dummy with syncStart",
                o -> o.submit(TaskSpec.dummy().syncStart(2).named("t")));
        Map<String, String> fragments = Map.of(
                "null AIC kernel",
                "null AIC kernel",
                "null AIV kernel",
                "null AIV0 kernel",
                "null input array",
                "input(...)",
                "null launch",
                "launch(...)",
                "null dependencies",
                "dependsOn(...)",
                "dummy with blocks",
                "dummy task",
                "dummy with syncStart",
                "dummy task");
        Map<String, Throwable> thrown = new ConcurrentHashMap<>();
        try (Runtime rt = sim()) {
            RunResult r = rt.run(orch -> {
                for (var c : cases.entrySet()) {
                    try {
                        c.getValue().accept(orch);
                    } catch (RuntimeException e) {
                        thrown.put(c.getKey(), e);
                    }
                }
                orch.submit(TaskSpec.aiv(NOTHING).named("after"));
            });
            assertEquals(1, r.tasks(), "only the valid task ran");
        }
        for (String name : cases.keySet()) {
            Throwable e = thrown.get(name);
            InvalidArgumentsException ie = assertInstanceOf(InvalidArgumentsException.class, e, name);
            assertEquals(ErrorCode.INVALID_ARGS, ie.code(), name);
            assertTrue(
                    e.getMessage().contains("'t'") && e.getMessage().contains(fragments.get(name)),
                    name + ": " + e.getMessage());
        }
    }

    @Test
    void theLastLaunchCallWins() {
        assertEquals(
                LaunchSpec.blocks(4),
                TaskSpec.aiv(NOTHING).syncStart(8).blocks(4).launchSpec());
        assertEquals(
                LaunchSpec.syncStart(8),
                TaskSpec.aiv(NOTHING).blocks(4).syncStart(8).launchSpec());
        try (Runtime rt = sim()) {
            RunResult r = rt.run(
                    orch -> orch.submit(TaskSpec.aiv(NOTHING).syncStart(2).blocks(3)));
            Trace.Task t = r.trace().tasks().getFirst();
            assertEquals(3, t.blockNum());
            assertFalse(t.syncStart(), "blocks(3) after syncStart(2) is a plain launch");
        }
    }

    @Test
    void aMixWithOneKernelIsTheTaskThatKernelMakes() {
        try (Runtime rt = sim()) {
            RunResult r = rt.run(orch -> {
                orch.submit(TaskSpec.mix(NOTHING, null, null).named("aicOnly"));
                orch.submit(TaskSpec.mix(null, null, NOTHING).named("aiv1Only"));
                orch.submit(TaskSpec.mix(NOTHING, NOTHING, null).named("twoKernels"));
            });
            Map<String, String> shapes = new LinkedHashMap<>();
            for (Trace.Task t : r.trace().tasks()) shapes.put(t.name(), t.shapeName());
            assertEquals(Map.of("aicOnly", "AIC", "aiv1Only", "AIV", "twoKernels", "MIX"), shapes);
        }
    }

    @Test
    void closingAScopeTwiceIsAnError() {
        TesseraException[] second = new TesseraException[1];
        try (Runtime rt = sim()) {
            rt.run(orch -> {
                Scope s = orch.scope();
                s.close();
                second[0] = assertThrows(InvalidArgumentsException.class, s::close);
                orch.submit(TaskSpec.aiv(NOTHING));
            });
        }
        assertTrue(second[0].getMessage().contains("already closed"), second[0].getMessage());
    }

    @Test
    void everyA5VariantHasItsOwnName() {
        assertEquals("a5", Topology.parse("a5").name());
        assertEquals("a5", Topology.parse("a5:3").name());
        assertEquals("a5:6", Topology.parse("a5:6").name());
        assertEquals("a5:1", Topology.a5(1).name());
        assertEquals("a5", Topology.parse("a5:6").device());
        assertEquals("a2a3", Topology.a2a3().device());
        assertNull(Topology.custom(4, 2).device());
        assertEquals(
                CostModel.a5().settings(),
                CostModel.presetFor(Topology.parse("a5:6")).settings(),
                "a5:6 keeps the a5 costs");
    }

    @Test
    void keptOutputsOutliveTheRunAndHoldWhatAReaderWouldHaveSeen() {
        Kernel fill = Kernel.of("fill", ctx -> {
            Tensor t = ctx.tensor(0);
            for (long i = 0; i < t.shape(0); i++) t.set(ctx.scalar(0) + i, i);
        });
        Kernel twice = Kernel.of("twice", ctx -> {
            Tensor t = ctx.tensor(0);
            for (long i = 0; i < t.shape(0); i++) t.set(2 * t.get(i), i);
        });
        for (Runtime.Builder b : List.of(
                Runtime.builder().topology(TOPO).sim(),
                Runtime.builder().topology(TOPO).threaded())) {
            try (Runtime rt = b.build()) {
                Tensor[] returned = new Tensor[1];
                RunResult r = rt.run(orch -> {
                    try (Scope inner = orch.scope()) {
                        Tensor out = orch.submit(TaskSpec.aiv(fill)
                                        .output(DType.INT32, 8)
                                        .scalar(10))
                                .output(0);
                        orch.keep("before", out);
                        orch.submit(TaskSpec.aiv(twice).inout(out));
                        returned[0] = orch.keep("after", out);
                    }
                    // the inner scope's heap is free again: reuse it
                    for (int i = 0; i < 4; i++)
                        orch.submit(TaskSpec.aiv(fill).output(DType.INT32, 8).scalar(-1));
                });
                assertArrayEquals(
                        new double[] {10, 11, 12, 13, 14, 15, 16, 17},
                        r.kept("before").toDoubleArray());
                assertArrayEquals(
                        new double[] {20, 22, 24, 26, 28, 30, 32, 34},
                        r.kept("after").toDoubleArray());
                assertTrue(returned[0] == r.kept("after"), "keep returns the same copy");
                assertEquals(
                        List.of("before", "after"), new ArrayList<>(r.kept().keySet()));
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.kept("nope"));
                assertTrue(e.getMessage().contains("[before, after]"), e.getMessage());
            }
        }
    }

    @Test
    void keepingTwiceUnderOneNameIsInvalid() {
        try (Arena arena = Arena.ofShared();
                Runtime rt = sim()) {
            Tensor t = Tensor.allocate(arena, DType.FP32, 4);
            TesseraException[] e = new TesseraException[1];
            rt.run(orch -> {
                orch.keep("x", t);
                e[0] = assertThrows(InvalidArgumentsException.class, () -> orch.keep("x", t));
            });
            assertTrue(e[0].getMessage().contains("already kept"), e[0].getMessage());
        }
    }

    @Test
    void aKernelKnowsItsLaneAndOneKernelObjectServesBothAivSlots() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Kernel where = Kernel.of("where", ctx -> seen.add(ctx.blockIdx() + ":" + ctx.lane() + "/" + ctx.subBlockId()));
        try (Runtime rt = sim()) {
            rt.run(orch -> orch.submit(TaskSpec.mix(where, where, where).blocks(2)));
        }
        assertEquals(Set.of("0:AIC/0", "0:AIV0/0", "0:AIV1/1", "1:AIC/0", "1:AIV0/0", "1:AIV1/1"), seen);
        assertEquals(Lane.AIV1, Lane.values()[2]);
    }

    @Test
    void theBuilderChoosesThePlatform() {
        try (Runtime rt = Runtime.builder().build()) {
            assertInstanceOf(ThreadedPlatform.class, rt.config().platform());
        }
        try (Runtime rt = Runtime.builder().topology(Topology.a5()).sim().build()) {
            SimPlatform p = assertInstanceOf(SimPlatform.class, rt.config().platform());
            assertEquals(CostModel.a5().settings(), p.costModel().settings(), "the topology's preset");
            assertTrue(p.compute());
            assertFalse(p.jitter());
        }
        CostModel slow = CostModel.a2a3().withOverride(CostModel.KERNEL_DEFAULT, 50_000);
        try (Runtime rt = Runtime.builder()
                .sim(slow)
                .computeKernels(false)
                .costJitter(true)
                .build()) {
            SimPlatform p = assertInstanceOf(SimPlatform.class, rt.config().platform());
            assertEquals(slow.settings(), p.costModel().settings());
            assertFalse(p.compute());
            assertTrue(p.jitter());
        }
        try (Runtime rt = Runtime.builder().platform("sim").build()) {
            assertInstanceOf(SimPlatform.class, rt.config().platform());
        }
        assertThrows(IllegalArgumentException.class, () -> Runtime.builder().platform("gpu"));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Runtime.builder().costJitter(true).build());
        assertTrue(e.getMessage().contains("sim"), e.getMessage());
    }
}
