package dev.tessera.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestration;
import dev.tessera.api.OutputSpec;
import dev.tessera.api.Runtime;
import dev.tessera.api.Scope;
import dev.tessera.api.Submitted;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.core.RunProbe;
import dev.tessera.errors.DeadlockException;
import dev.tessera.errors.ErrorCode;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure and deadlock detection (spec §3.7): small rings, heaps and TensorMaps run long
 * programs to completion; scopes that can never fit fail promptly with a message that names the
 * resource and a size that fits — and the test reruns with that size to prove it.
 */
class BackPressureTest {
    private static final Topology TOPO = Topology.custom(2, 1);
    /** Adds 1 to element 0 of tensor 0. */
    static final Kernel INC = Kernel.of("inc", ctx -> {
        Tensor t = ctx.tensor(0);
        long off = t.elementOffset(0);
        t.setRaw(off, t.getRaw(off) + 1);
    });

    private Arena arena;

    @BeforeEach
    void setUp() {
        arena = Arena.ofShared();
    }

    @AfterEach
    void tearDown() {
        arena.close();
    }

    private static Runtime.Builder rt() {
        return Runtime.builder().topology(TOPO);
    }

    private static long number(String message, String regex) {
        Matcher m = Pattern.compile(regex).matcher(message);
        assertTrue(m.find(), "message should match /" + regex + "/: " + message);
        return Long.parseLong(m.group(1));
    }

    // ---- long programs through small resources ----------------------------------------------------

    @Test
    void sixteenSlotRingRunsTenThousandChainedTasks() {
        Tensor counter = Tensor.allocate(arena, DType.INT32, 1);
        int n = 10_000;
        try (Runtime runtime = rt().taskWindow(16).build()) {
            RunProbe p = RunProbe.run(runtime, orch -> {
                for (int i = 0; i < n; i++) {
                    try (Scope s = orch.scope()) {
                        orch.submit(TaskSpec.aiv(INC).inout(counter));
                    }
                }
            });
            assertEquals(n, p.result().tasks());
            assertEquals(n, p.allocated(1), "every task ran in ring 1 (one nested scope)");
            p.assertNothingLeaked();
        }
        assertEquals(n, counter.get(0));
    }

    @Test
    void scopesOfSeveralTasksCycleThroughASmallRing() {
        Tensor counter = Tensor.allocate(arena, DType.INT64, 1);
        int scopes = 300;
        int perScope = 14; // a 16-slot ring holds at most 15 tasks of open scopes
        try (Runtime runtime = rt().taskWindow(16).build()) {
            RunProbe p = RunProbe.run(runtime, orch -> {
                for (int i = 0; i < scopes; i++) {
                    try (Scope s = orch.scope()) {
                        for (int k = 0; k < perScope; k++)
                            orch.submit(TaskSpec.aiv(INC).inout(counter));
                    }
                }
            });
            p.assertNothingLeaked();
        }
        assertEquals(scopes * perScope, counter.get(0));
    }

    @Test
    void smallHeapRingRunsManyTasksWithRuntimeOutputs() {
        // 4 KiB of heap = four 1 KiB outputs alive at once
        int n = 2_000;
        int elems = 256; // 1 KiB of fp32
        Tensor acc = Tensor.allocate(arena, DType.INT64, 1);
        AtomicInteger corrupt = new AtomicInteger();
        Kernel produce = Kernel.of("produce", ctx -> {
            Tensor out = ctx.tensor(0);
            for (long k = 0; k < elems; k++) out.setRaw(out.linearOffset(k), ctx.scalar(0) + k);
        });
        Kernel consume = Kernel.of("consume", ctx -> {
            Tensor in = ctx.tensor(0);
            Tensor a = ctx.tensor(1);
            long sum = 0;
            for (long k = 0; k < elems; k++) {
                double v = in.getRaw(in.linearOffset(k));
                if (v != ctx.scalar(0) + k) corrupt.incrementAndGet();
                sum += (long) v;
            }
            a.setRaw(a.elementOffset(0), a.getRaw(a.elementOffset(0)) + sum);
        });
        try (Runtime runtime = rt().heapBytes(4096).taskWindow(64).build()) {
            RunProbe p = RunProbe.run(runtime, orch -> {
                for (int i = 0; i < n; i++) {
                    try (Scope s = orch.scope()) {
                        Submitted made = orch.submit(TaskSpec.aiv(produce)
                                .output(OutputSpec.of(DType.FP32, elems))
                                .scalar(i));
                        orch.submit(TaskSpec.aiv(consume)
                                .input(made.output(0))
                                .inout(acc)
                                .scalar(i));
                    }
                }
            });
            p.assertNothingLeaked();
        }
        assertEquals(0, corrupt.get(), "a consumer saw its input overwritten: heap reused too early");
        long expected = 0;
        for (long i = 0; i < n; i++) expected += elems * i + (long) elems * (elems - 1) / 2;
        assertEquals(expected, (long) acc.get(0));
    }

    @Test
    void tinyTensorMapRunsALongChain() {
        int n = 2_000;
        Tensor counter = Tensor.allocate(arena, DType.INT32, 1);
        Tensor log = Tensor.allocate(arena, DType.INT32, n);
        Kernel step = Kernel.of("step", ctx -> {
            Tensor c = ctx.tensor(0);
            Tensor l = ctx.tensor(1);
            double v = c.get(0) + 1;
            c.set(v, 0);
            l.set(v, 0);
        });
        try (Runtime runtime = rt().tensorMapEntries(16).taskWindow(64).build()) {
            RunProbe p = RunProbe.run(runtime, orch -> {
                for (int i = 0; i < n; i++) {
                    try (Scope s = orch.scope()) {
                        // two TensorMap entries per task: the counter (covered by the next writer) and a log cell
                        orch.submit(TaskSpec.aiv(step).inout(counter).output(log.slice(0, i, i + 1)));
                    }
                }
            });
            p.assertNothingLeaked();
        }
        assertEquals(n, counter.get(0));
        for (int i = 0; i < n; i++) assertEquals(i + 1, log.get(i), "log cell " + i);
    }

    // ---- deadlocks: prompt, clear, and the suggested size fits --------------------------------------

    private static Orchestration tasksInOneScope(int tasks, boolean nested, Tensor counter) {
        return orch -> {
            Scope s = nested ? orch.scope() : null;
            for (int i = 0; i < tasks; i++)
                orch.submit(TaskSpec.aiv(INC).inout(counter).named("held" + i));
            if (s != null) s.close();
        };
    }

    @Test
    void scopeLargerThanTheRingFailsWithScopeDeadlock() {
        Tensor counter = Tensor.allocate(arena, DType.INT32, 1);
        DeadlockException e;
        try (Runtime runtime = rt().taskWindow(16).build()) {
            RunProbe p = RunProbe.run(runtime, tasksInOneScope(40, false, counter));
            e = assertInstanceOf(DeadlockException.class, p.failure());
            p.assertNothingLeaked();
        }
        assertEquals(ErrorCode.SCOPE_DEADLOCK, e.code());
        assertEquals(1, e.code().code());
        String m = e.getMessage();
        assertTrue(
                m.contains("ring 0")
                        && m.contains("window is 16")
                        && m.contains("submit #16")
                        && m.contains("'held15'"),
                m);
        assertEquals(15, counter.get(0), "the 15 tasks submitted before the failing one all ran");

        long window = number(m, "taskWindow ≥ (\\d+)");
        Tensor again = Tensor.allocate(arena, DType.INT32, 1);
        try (Runtime runtime = rt().taskWindow((int) window).build()) {
            RunProbe.run(runtime, tasksInOneScope(16, false, again)).result();
        }
        assertEquals(16, again.get(0), "the suggested window fits the scope that failed");
    }

    @Test
    void nestedScopeLargerThanItsRingNamesThatRing() {
        Tensor counter = Tensor.allocate(arena, DType.INT32, 1);
        try (Runtime runtime = rt().taskWindow(8).build()) {
            RunProbe p = RunProbe.run(runtime, tasksInOneScope(8, true, counter));
            DeadlockException e = assertInstanceOf(DeadlockException.class, p.failure());
            assertEquals(ErrorCode.SCOPE_DEADLOCK, e.code());
            assertTrue(e.getMessage().contains("ring 1"), e.getMessage());
            assertEquals(16, number(e.getMessage(), "taskWindow ≥ (\\d+)"));
            p.assertNothingLeaked();
        }
        assertEquals(7, counter.get(0));
    }

    private static Orchestration outputsInOneScope(int tasks, int bytes) {
        return orch -> {
            for (int i = 0; i < tasks; i++) {
                orch.submit(TaskSpec.aiv(Kernel.of("fill", ctx -> ctx.tensor(0).fill(1)))
                        .output(OutputSpec.of(DType.INT8, bytes))
                        .named("out" + i));
            }
        };
    }

    @Test
    void outputsHeldByAnOpenScopeBeyondTheHeapFailWithHeapRingDeadlock() {
        DeadlockException e;
        try (Runtime runtime = rt().heapBytes(4096).build()) {
            RunProbe p = RunProbe.run(runtime, outputsInOneScope(6, 1000));
            e = assertInstanceOf(DeadlockException.class, p.failure());
            assertEquals(4, p.allocated(0), "four 1 KiB outputs fit; the fifth waited");
            p.assertNothingLeaked();
        }
        assertEquals(ErrorCode.HEAP_RING_DEADLOCK, e.code());
        assertEquals(2, e.code().code());
        String m = e.getMessage();
        assertTrue(m.contains("heap ring 0") && m.contains("submit #5") && m.contains("'out4'"), m);
        long heap = number(m, "heapBytes\\((\\d+)\\)");
        try (Runtime runtime = rt().heapBytes(heap).build()) {
            RunProbe.run(runtime, outputsInOneScope(5, 1000)).result();
        }
    }

    @Test
    void anOutputLargerThanTheWholeHeapFailsAtOnce() {
        try (Runtime runtime = rt().heapBytes(4096).build()) {
            RunProbe p = RunProbe.run(runtime, outputsInOneScope(1, 5000));
            DeadlockException e = assertInstanceOf(DeadlockException.class, p.failure());
            assertEquals(ErrorCode.HEAP_RING_DEADLOCK, e.code());
            assertTrue(e.getMessage().contains("5120") && e.getMessage().contains("4096"), e.getMessage());
            long heap = number(e.getMessage(), "heapBytes ≥ (\\d+)");
            assertTrue(heap >= 5120, e.getMessage());
            p.assertNothingLeaked();
        }
    }

    private static Orchestration distinctWritersInOneScope(int tasks, Tensor log) {
        return orch -> {
            for (int i = 0; i < tasks; i++) {
                long cell = i;
                orch.submit(TaskSpec.aiv(Kernel.of("mark", ctx -> ctx.tensor(0).set(cell + 1, 0)))
                        .output(log.slice(0, i, i + 1))
                        .named("mark" + i));
            }
        };
    }

    @Test
    void liveWritersBeyondTheTensorMapFailWithTensorMapDeadlock() {
        Tensor log = Tensor.allocate(arena, DType.INT32, 40);
        DeadlockException e;
        try (Runtime runtime = rt().tensorMapEntries(16).build()) {
            RunProbe p = RunProbe.run(runtime, distinctWritersInOneScope(40, log));
            e = assertInstanceOf(DeadlockException.class, p.failure());
            p.assertNothingLeaked();
        }
        assertEquals(ErrorCode.TENSORMAP_DEADLOCK, e.code());
        String m = e.getMessage();
        assertTrue(m.contains("submit #17") && m.contains("'mark16'") && m.contains("16"), m);
        for (int i = 0; i < 16; i++) assertEquals(i + 1, log.get(i), "writer " + i + " ran");
        for (int i = 16; i < 40; i++) assertEquals(0, log.get(i), "nothing after the failing submit ran");
        long entries = number(m, "tensorMapEntries ≥ (\\d+)");
        Tensor again = Tensor.allocate(arena, DType.INT32, 17);
        try (Runtime runtime = rt().tensorMapEntries((int) entries).build()) {
            RunProbe.run(runtime, distinctWritersInOneScope(17, again)).result();
        }
        assertEquals(17, again.get(16));
    }
}
