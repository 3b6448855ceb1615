package dev.tessera.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestrator;
import dev.tessera.api.OutputSpec;
import dev.tessera.api.Runtime;
import dev.tessera.api.Scope;
import dev.tessera.api.ScopeMode;
import dev.tessera.api.TaskIds;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.core.RunProbe;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invalid input (spec §7): each mistake throws its typed exception with the reference's error
 * code and a message that names the submit and the argument at fault. Caught inside the
 * orchestration, it leaves the runtime usable; uncaught, it ends the run after the tasks already
 * submitted have finished.
 */
class ErrorsTest {
    /** 2 clusters = 2 AIC + 4 AIV cores. */
    private static final Topology TOPO = Topology.custom(2, 1);

    private Arena arena;
    private Tensor data;
    private final AtomicInteger neverRan = new AtomicInteger();
    private Kernel never;
    private final Kernel inc = Kernel.of("inc", ctx -> {
        Tensor t = ctx.tensor(0);
        t.set(t.get(0) + 1, 0);
    });

    @BeforeEach
    void setUp() {
        arena = Arena.ofShared();
        data = Tensor.allocate(arena, DType.INT32, 4);
        never = Kernel.of("never", ctx -> neverRan.incrementAndGet());
    }

    @AfterEach
    void tearDown() {
        arena.close();
    }

    private static Runtime runtime() {
        return Runtime.builder().topology(TOPO).build();
    }

    /** What one invalid call should produce. */
    private record Expect(Class<? extends TesseraException> type, ErrorCode code, String... fragments) {}

    /**
     * Every case below runs inside one orchestration, between increments of {@code data[0]}: the
     * error is caught, the next increment is submitted, and at the end all increments happened.
     */
    @Test
    void everyInvalidSubmitThrowsItsTypedErrorAndTheRuntimeStaysUsable() {
        Map<String, Expect> expected = new LinkedHashMap<>();
        Map<String, Consumer<Orchestrator>> cases = new LinkedHashMap<>();

        cases.put(
                "no kernel",
                o -> o.submit(TaskSpec.mix(null, null, null).inout(data).named("bare")));
        expected.put(
                "no kernel",
                new Expect(InvalidArgumentsException.class, ErrorCode.INVALID_ARGS, "'bare'", "no kernel"));

        cases.put(
                "blockNum 0",
                o -> o.submit(TaskSpec.aiv(never).inout(data).blocks(0).named("zero")));
        expected.put(
                "blockNum 0",
                new Expect(InvalidArgumentsException.class, ErrorCode.INVALID_ARGS, "'zero'", "blockNum", "got 0"));

        cases.put("blockNum -3", o -> o.submit(TaskSpec.aic(never).blocks(-3).named("neg")));
        expected.put(
                "blockNum -3", new Expect(InvalidArgumentsException.class, ErrorCode.INVALID_ARGS, "'neg'", "got -3"));

        cases.put("17 tensors", o -> {
            TaskSpec s = TaskSpec.aiv(never).named("wide");
            for (int i = 0; i < 17; i++) s.input(data);
            o.submit(s);
        });
        expected.put(
                "17 tensors",
                new Expect(
                        InvalidArgumentsException.class, ErrorCode.INVALID_ARGS, "'wide'", "tensor argument 16", "16"));

        cases.put("33 scalars", o -> {
            TaskSpec s = TaskSpec.aiv(never).input(data).named("chatty");
            for (int i = 0; i < 33; i++) s.scalar(i);
            o.submit(s);
        });
        expected.put(
                "33 scalars",
                new Expect(
                        InvalidArgumentsException.class,
                        ErrorCode.INVALID_ARGS,
                        "'chatty'",
                        "scalar argument 32",
                        "32"));

        cases.put(
                "tensor after scalar",
                o -> o.submit(
                        TaskSpec.aiv(never).input(data).scalar(7).inout(data).named("late")));
        expected.put(
                "tensor after scalar",
                new Expect(
                        InvalidArgumentsException.class,
                        ErrorCode.INVALID_ARGS,
                        "'late'",
                        "tensor argument 1",
                        "INOUT",
                        "after scalar"));

        cases.put(
                "null tensor",
                o -> o.submit(
                        TaskSpec.aiv(never).input(data).input((Tensor) null).named("hole")));
        expected.put(
                "null tensor",
                new Expect(
                        InvalidArgumentsException.class,
                        ErrorCode.INVALID_ARGS,
                        "'hole'",
                        "tensor argument 1",
                        "null"));

        cases.put(
                "unknown dependency",
                o -> o.submit(
                        TaskSpec.aiv(never).dependsOn(TaskIds.of(0, 1_000_000)).named("ghost")));
        expected.put(
                "unknown dependency",
                new Expect(
                        InvalidArgumentsException.class,
                        ErrorCode.INVALID_ARGS,
                        "'ghost'",
                        "explicit dependency r0#1000000"));

        cases.put(
                "dependency on a ring that does not exist",
                o -> o.submit(TaskSpec.aiv(never).dependsOn(TaskIds.of(9, 0)).named("far")));
        expected.put(
                "dependency on a ring that does not exist",
                new Expect(InvalidArgumentsException.class, ErrorCode.INVALID_ARGS, "'far'", "r9#0"));

        cases.put(
                "syncStart MIX wider than the clusters",
                o -> o.submit(TaskSpec.mix(never, never, null).syncStart(3).named("wideMix")));
        expected.put(
                "syncStart MIX wider than the clusters",
                new Expect(
                        SyncStartInvalidException.class,
                        ErrorCode.REQUIRE_SYNC_START_INVALID,
                        "'wideMix'",
                        "blockNum 3",
                        "2 clusters"));

        cases.put(
                "syncStart AIC wider than the clusters",
                o -> o.submit(TaskSpec.aic(never).syncStart(3).named("wideAic")));
        expected.put(
                "syncStart AIC wider than the clusters",
                new Expect(
                        SyncStartInvalidException.class,
                        ErrorCode.REQUIRE_SYNC_START_INVALID,
                        "'wideAic'",
                        "blockNum 3",
                        "2 clusters"));

        cases.put(
                "syncStart AIV wider than the AIV cores",
                o -> o.submit(TaskSpec.aiv(never).syncStart(5).named("wideAiv")));
        expected.put(
                "syncStart AIV wider than the AIV cores",
                new Expect(
                        SyncStartInvalidException.class,
                        ErrorCode.REQUIRE_SYNC_START_INVALID,
                        "'wideAiv'",
                        "blockNum 5",
                        "4 AIV cores"));

        cases.put("AUTO scope inside MANUAL", o -> {
            try (Scope manual = o.scope(ScopeMode.MANUAL)) {
                o.scope(ScopeMode.AUTO);
            }
        });
        expected.put(
                "AUTO scope inside MANUAL",
                new Expect(InvalidArgumentsException.class, ErrorCode.INVALID_ARGS, "AUTO", "MANUAL"));

        cases.put("scopes closed out of order", o -> {
            Scope outer = o.scope();
            Scope inner = o.scope();
            try {
                outer.close();
            } finally {
                inner.close();
                outer.close();
            }
        });
        expected.put(
                "scopes closed out of order",
                new Expect(
                        InvalidArgumentsException.class,
                        ErrorCode.INVALID_ARGS,
                        "depth 1",
                        "depth 2",
                        "innermost first"));

        cases.put("65 nested scopes", o -> {
            List<Scope> open = new ArrayList<>();
            try {
                for (int i = 0; i < 65; i++) open.add(o.scope());
            } finally {
                if (open.size() != 64) fail("64 nested scopes must open, the 65th must not; opened " + open.size());
                for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
            }
        });
        expected.put("65 nested scopes", new Expect(InvalidArgumentsException.class, ErrorCode.INVALID_ARGS, "64"));

        cases.put("allocTensors without outputs", o -> o.allocTensors());
        expected.put(
                "allocTensors without outputs",
                new Expect(InvalidArgumentsException.class, ErrorCode.INVALID_ARGS, "allocTensors", "got 0"));

        // cases that are submits (or allocTensors) consume an ordinal; scope mistakes do not
        Set<String> notSubmits = Set.of("AUTO scope inside MANUAL", "scopes closed out of order", "65 nested scopes");
        Map<String, Long> ordinals = new LinkedHashMap<>();
        Map<String, Throwable> thrown = new LinkedHashMap<>();
        AtomicInteger submittedIncrements = new AtomicInteger();
        Tensor copy = Tensor.allocate(arena, DType.INT32, 1);
        Tensor marks = Tensor.allocate(arena, DType.INT32, 4);
        try (Runtime rt = runtime()) {
            RunProbe p = RunProbe.run(rt, orch -> {
                orch.submit(TaskSpec.aiv(inc).inout(data));
                submittedIncrements.incrementAndGet();
                long calls = 1;
                for (var c : cases.entrySet()) {
                    if (!notSubmits.contains(c.getKey())) ordinals.put(c.getKey(), ++calls);
                    try {
                        c.getValue().accept(orch);
                        thrown.put(c.getKey(), null);
                    } catch (RuntimeException | AssertionError e) {
                        thrown.put(c.getKey(), e);
                    }
                    orch.submit(TaskSpec.aiv(inc).inout(data));
                    submittedIncrements.incrementAndGet();
                    calls++;
                }
                // a valid wide syncStart still works after the invalid ones
                orch.submit(TaskSpec.aiv(Kernel.of("mark", ctx -> ctx.tensor(0).set(1, ctx.blockIdx())))
                        .syncStart(4)
                        .output(marks));
                orch.submit(TaskSpec.aiv(Kernel.of(
                                "copy", ctx -> ctx.tensor(1).set(ctx.tensor(0).get(0), 0)))
                        .input(data)
                        .output(copy));
            });
            p.result();
            p.assertNothingLeaked();
        }
        for (String name : cases.keySet()) {
            Throwable e = thrown.get(name);
            Expect x = expected.get(name);
            assertNotNull(e, name + ": no exception");
            if (e instanceof AssertionError ae) throw ae;
            assertInstanceOf(x.type(), e, name + ": " + e);
            TesseraException te = (TesseraException) e;
            assertEquals(x.code(), te.code(), name);
            String m = te.getMessage();
            assertTrue(m.contains("(" + x.code().code() + ")"), name + ": the message shows the numeric code: " + m);
            for (String f : x.fragments())
                assertTrue(m.contains(f), name + ": message should mention '" + f + "': " + m);
        }
        for (var o : ordinals.entrySet()) {
            String m = thrown.get(o.getKey()).getMessage();
            assertTrue(
                    m.contains("submit #" + o.getValue() + " "),
                    o.getKey() + ": names the submit, #" + o.getValue() + ": " + m);
        }
        assertEquals(0, neverRan.get(), "no invalid task ran");
        assertEquals(5, ErrorCode.INVALID_ARGS.code());
        assertEquals(7, ErrorCode.REQUIRE_SYNC_START_INVALID.code());
        assertEquals(cases.size() + 1, submittedIncrements.get());
        assertEquals(submittedIncrements.get(), data.get(0), "every increment submitted around the errors ran");
        assertEquals(
                submittedIncrements.get(),
                copy.get(0),
                "a reader submitted after the errors waited for the last increment");
        for (int b = 0; b < 4; b++) assertEquals(1, marks.get(b), "syncStart block " + b);
    }

    @Test
    void everyIncrementBetweenErrorsLands() {
        // The same interleaving, checked on the counter itself: errors caught, increments all applied.
        int rounds = 10;
        try (Runtime rt = runtime()) {
            RunProbe p = RunProbe.run(rt, orch -> {
                for (int i = 0; i < rounds; i++) {
                    orch.submit(TaskSpec.aiv(inc).inout(data));
                    try {
                        orch.submit(TaskSpec.aiv(never).inout(data).blocks(0));
                    } catch (InvalidArgumentsException expectedError) {
                        // the runtime stays usable
                    }
                    try {
                        orch.submit(TaskSpec.aiv(never).syncStart(99));
                    } catch (SyncStartInvalidException expectedError) {
                        // idem
                    }
                }
            });
            p.result();
            p.assertNothingLeaked();
        }
        assertEquals(rounds, data.get(0));
        assertEquals(0, neverRan.get());
    }

    @Test
    void anUncaughtInvalidSubmitEndsTheRunAfterTheSubmittedTasksFinished() {
        InvalidArgumentsException[] raised = new InvalidArgumentsException[1];
        try (Runtime rt = runtime()) {
            RunProbe p = RunProbe.run(rt, orch -> {
                for (int i = 0; i < 50; i++) orch.submit(TaskSpec.aiv(inc).inout(data));
                try (Scope s = orch.scope()) {
                    orch.submit(TaskSpec.aiv(inc).inout(data));
                    try {
                        orch.submit(TaskSpec.aiv(never).blocks(0).named("broken"));
                    } catch (InvalidArgumentsException e) {
                        raised[0] = e;
                        throw e;
                    }
                    orch.submit(TaskSpec.aiv(never));
                }
            });
            RuntimeException failure = p.failure();
            assertNotNull(failure, "the run must fail");
            assertSame(raised[0], failure, "run ends with the submit's own exception");
            assertTrue(failure.getMessage().contains("'broken'"), failure.getMessage());
            p.assertNothingLeaked();

            // the runtime is usable for the next run
            Tensor other = Tensor.allocate(arena, DType.INT32, 1);
            rt.run(orch -> orch.submit(TaskSpec.aiv(inc).inout(other)));
            assertEquals(1, other.get(0));
        }
        assertEquals(51, data.get(0), "all 51 tasks submitted before the error completed");
        assertEquals(0, neverRan.get());
    }

    @Test
    void anUncaughtSyncStartErrorEndsTheRunWithCode7() {
        try (Runtime rt = runtime()) {
            RunProbe p = RunProbe.run(rt, orch -> {
                for (int i = 0; i < 5; i++) orch.submit(TaskSpec.aiv(inc).inout(data));
                orch.submit(TaskSpec.mix(never, never, never).syncStart(3).named("tooWide"));
            });
            SyncStartInvalidException e = assertInstanceOf(SyncStartInvalidException.class, p.failure());
            assertEquals(7, e.code().code());
            assertTrue(
                    e.getMessage().contains("3")
                            && e.getMessage().contains("2 clusters")
                            && e.getMessage().contains("'tooWide'"),
                    e.getMessage());
            p.assertNothingLeaked();
        }
        assertEquals(5, data.get(0));
        assertEquals(0, neverRan.get());
    }

    @Test
    void anExceptionFromOrchestrationCodeEndsTheRunAsOrchestrationFailed() {
        try (Runtime rt = runtime()) {
            RunProbe p = RunProbe.run(rt, orch -> {
                orch.submit(TaskSpec.aiv(inc).inout(data));
                throw new IllegalStateException("user bug");
            });
            TesseraException e = assertInstanceOf(TesseraException.class, p.failure());
            assertEquals(ErrorCode.ORCHESTRATION_FAILED, e.code());
            assertTrue(e.getMessage().contains("user bug"), e.getMessage());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            p.assertNothingLeaked();
        }
        assertEquals(1, data.get(0));
    }

    @Test
    void outputsOfAllocTensorsMustBeValid() {
        try (Runtime rt = runtime()) {
            RunProbe p = RunProbe.run(rt, orch -> {
                OutputSpec[] seventeen = new OutputSpec[17];
                for (int i = 0; i < 17; i++) seventeen[i] = OutputSpec.of(DType.FP32, 4);
                orch.allocTensors(seventeen);
            });
            InvalidArgumentsException e = assertInstanceOf(InvalidArgumentsException.class, p.failure());
            assertTrue(e.getMessage().contains("got 17"), e.getMessage());
        }
    }
}
