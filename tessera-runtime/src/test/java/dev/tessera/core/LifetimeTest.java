package dev.tessera.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.OutputSpec;
import dev.tessera.api.Runtime;
import dev.tessera.api.Scope;
import dev.tessera.api.ScopeMode;
import dev.tessera.api.Submitted;
import dev.tessera.api.TaskIds;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lifetimes (spec §2.4–2.6, §3.2, §3.6): rings retire everything, explicit dependencies on retired
 * tasks are dropped, MANUAL scopes, dummy tasks, allocTensors and readElement.
 */
class LifetimeTest {
    private static final Topology TOPO = Topology.custom(2, 1);

    private Arena arena;
    /** Inferred producers per task id, from the SubmitObserver. */
    private final Map<Long, Set<Long>> producers = new ConcurrentHashMap<>();
    /** Ids of tasks whose kernels ran, from the KernelObserver. */
    private final Set<Long> ran = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void setUp() {
        arena = Arena.ofShared();
    }

    @AfterEach
    void tearDown() {
        arena.close();
    }

    private Runtime.Builder rt() {
        return Runtime.builder()
                .topology(TOPO)
                .submitObserver((id, name, ps) ->
                        producers.put(id, Arrays.stream(ps).boxed().collect(Collectors.toSet())))
                .observer(p -> ran.add(p.taskId));
    }

    private Set<Long> producersOf(Submitted s) {
        return producers.get(s.taskId());
    }

    /** Writes scalar 0 into element 0 of tensor 0. */
    private static final Kernel WRITE = Kernel.of("write", ctx -> {
        Tensor t = ctx.tensor(0);
        t.setRaw(t.elementOffset(new long[t.ndims()]), ctx.scalar(0));
    });
    /** Copies element 0 of tensor 0 into element 0 of tensor 1. */
    private static final Kernel COPY = Kernel.of("copy", ctx -> {
        Tensor a = ctx.tensor(0);
        Tensor b = ctx.tensor(1);
        b.setRaw(b.elementOffset(new long[b.ndims()]), a.getRaw(a.elementOffset(new long[a.ndims()])));
    });

    private static final Kernel INC = Kernel.of("inc", ctx -> {
        Tensor t = ctx.tensor(0);
        t.set(t.get(0) + 1, 0);
    });

    @Test
    void everyRingRetiresEverythingAndScopesPickTheirRing() {
        Tensor t = Tensor.allocate(arena, DType.INT32, 8);
        List<long[]> placed = new ArrayList<>(); // {depth, task id}
        RunProbe p;
        try (Runtime runtime = rt().taskWindow(64).build()) {
            p = RunProbe.run(runtime, orch -> {
                placed.add(new long[] {
                    0, orch.submit(TaskSpec.aiv(INC).inout(t.slice(0, 0, 1))).taskId()
                });
                List<Scope> open = new ArrayList<>();
                for (int depth = 1; depth <= 5; depth++) {
                    open.add(orch.scope());
                    for (int k = 0; k < 3; k++) {
                        Submitted s = orch.submit(TaskSpec.aiv(INC)
                                .inout(t.slice(0, depth, depth + 1))
                                .output(OutputSpec.of(DType.FP32, 16)));
                        orch.submit(TaskSpec.aiv(COPY).input(s.output(0)).output(t.slice(0, 6, 7)));
                        placed.add(new long[] {depth, s.taskId()});
                    }
                    orch.allocTensors(OutputSpec.of(DType.INT8, 100));
                    orch.submit(TaskSpec.dummy().dependsOn(placed.getLast()[1]));
                }
                for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
            });
        }
        p.result();
        p.assertNothingLeaked();
        for (long[] d : placed) assertEquals(Math.min(d[0], 3), TaskIds.ring(d[1]), "ring of a task at depth " + d[0]);
        assertEquals(1, p.allocated(0));
        assertEquals(8, p.allocated(1), "3 writers, 3 copies, 1 allocation, 1 dummy");
        assertEquals(8, p.allocated(2));
        assertEquals(24, p.allocated(3), "depths 3, 4 and 5 share ring 3");
        assertEquals(1, t.get(0));
        for (int d = 1; d <= 5; d++) assertEquals(3, t.get(d), "depth " + d);
    }

    @Test
    void explicitDependenciesOnRetiredTasksAreSkipped() {
        Tensor counter = Tensor.allocate(arena, DType.INT32, 1);
        Tensor other = Tensor.allocate(arena, DType.INT32, 1);
        Tensor solo = Tensor.allocate(arena, DType.INT32, 1);
        long[] ids = new long[4];
        RunProbe p;
        try (Runtime runtime = rt().taskWindow(4).build()) {
            p = RunProbe.run(runtime, orch -> {
                Submitted live = orch.submit(TaskSpec.aiv(INC).inout(other)); // ring 0, held by the outer scope
                ids[0] = live.taskId();
                try (Scope s = orch.scope()) {
                    ids[1] = orch.submit(TaskSpec.aiv(INC).inout(counter)).taskId();
                }
                // four more ring-1 tasks: a 4-slot ring can only take them once the first retired
                for (int i = 0; i < 4; i++) {
                    try (Scope s = orch.scope()) {
                        orch.submit(TaskSpec.aiv(INC).inout(counter));
                    }
                }
                try (Scope s = orch.scope()) {
                    ids[2] = orch.submit(TaskSpec.aiv(INC)
                                    .noDep(solo)
                                    .dependsOn(ids[1])
                                    .named("afterRetired"))
                            .taskId();
                }
                ids[3] = orch.submit(
                                TaskSpec.aiv(INC).noDep(other).dependsOn(ids[0]).named("afterLive"))
                        .taskId();
            });
        }
        p.result();
        p.assertNothingLeaked();
        assertEquals(1, TaskIds.ring(ids[1]));
        assertEquals(0, TaskIds.local(ids[1]));
        assertEquals(5, TaskIds.local(ids[2]), "the retired task's slot (0 of 4) has been reused by now");
        assertEquals(
                Set.of(),
                producers.get(ids[2]),
                "a dependency on a retired task is skipped, not mapped to its slot's new task");
        assertEquals(Set.of(ids[0]), producers.get(ids[3]), "a dependency on a live task is kept");
        assertTrue(ran.contains(ids[2]) && ran.contains(ids[3]));
        assertEquals(5, counter.get(0));
        assertEquals(1, solo.get(0));
        assertEquals(2, other.get(0));
    }

    @Test
    void manualScopesUseOnlyExplicitDependencies() {
        Tensor t = Tensor.allocate(arena, DType.INT32, 1);
        Tensor u = Tensor.allocate(arena, DType.INT32, 1);
        Tensor junk = Tensor.allocate(arena, DType.INT32, 4);
        Submitted[] s = new Submitted[8];
        try (Runtime runtime = rt().build()) {
            RunProbe p = RunProbe.run(runtime, orch -> {
                s[0] = orch.submit(TaskSpec.aiv(WRITE).inout(t).scalar(3)); // AUTO writer
                try (Scope m = orch.scope(ScopeMode.MANUAL)) {
                    assertEquals(ScopeMode.MANUAL, m.mode());
                    s[1] = orch.submit(TaskSpec.aiv(COPY).input(t).output(junk.slice(0, 0, 1))); // no lookup
                    s[2] = orch.submit(TaskSpec.aiv(WRITE).inout(t).scalar(7).dependsOn(s[0].taskId()));
                    s[3] = orch.submit(TaskSpec.aiv(COPY).input(t).output(u).dependsOn(s[2].taskId()));
                    s[4] = orch.submit(TaskSpec.aiv(WRITE)
                            .output(OutputSpec.of(DType.INT32, 1))
                            .scalar(5));
                    s[5] = orch.submit(
                            TaskSpec.aiv(COPY).input(s[4].output(0)).output(junk.slice(0, 1, 2))); // no creator edge
                    try (Scope nested = orch.scope(ScopeMode.MANUAL)) {
                        s[6] = orch.submit(TaskSpec.aiv(COPY).input(t).output(junk.slice(0, 2, 3)));
                    }
                }
                s[7] = orch.submit(TaskSpec.aiv(COPY).input(t).output(junk.slice(0, 3, 4))); // AUTO again
            });
            p.result();
            p.assertNothingLeaked();
        }
        assertEquals(Set.of(), producersOf(s[1]), "MANUAL: no TensorMap lookup");
        assertEquals(Set.of(s[0].taskId()), producersOf(s[2]), "MANUAL: explicit dependencies only");
        assertEquals(Set.of(s[2].taskId()), producersOf(s[3]));
        assertEquals(Set.of(), producersOf(s[5]), "MANUAL: no creator retention");
        assertEquals(Set.of(), producersOf(s[6]), "nested MANUAL scope");
        assertEquals(
                Set.of(s[0].taskId()),
                producersOf(s[7]),
                "MANUAL writers were never published: the reader finds the AUTO writer only");
        assertEquals(7, u.get(0), "the explicit chain orders writer and reader");
        assertEquals(7, t.get(0));
    }

    @Test
    void dummyTasksOrderTheirNeighboursWithoutRunning() {
        Tensor a = Tensor.allocate(arena, DType.INT32, 1);
        Tensor b = Tensor.allocate(arena, DType.INT32, 1);
        Tensor c = Tensor.allocate(arena, DType.INT32, 1);
        Tensor x = Tensor.allocate(arena, DType.INT32, 4);
        Tensor y = Tensor.allocate(arena, DType.INT32, 1);
        Kernel sum = Kernel.of(
                "sum",
                ctx -> ctx.tensor(2).set(ctx.tensor(0).get(0) + ctx.tensor(1).get(0), 0));
        Submitted[] s = new Submitted[8];
        try (Runtime runtime = rt().build()) {
            RunProbe p = RunProbe.run(runtime, orch -> {
                s[0] = orch.submit(TaskSpec.aiv(WRITE).output(a).scalar(1));
                s[1] = orch.submit(TaskSpec.aiv(WRITE).output(b).scalar(2));
                s[2] = orch.submit(TaskSpec.dummy().dependsOn(s[0].taskId(), s[1].taskId()));
                s[3] = orch.submit(TaskSpec.aiv(sum).noDep(a, b).output(c).dependsOn(s[2].taskId()));
                // a dummy with tensor arguments joins the TensorMap like any writer
                s[4] = orch.submit(TaskSpec.aiv(WRITE).inout(x).scalar(9));
                s[5] = orch.submit(TaskSpec.dummy().inout(x));
                s[6] = orch.submit(TaskSpec.aiv(COPY).input(x).output(y));
                s[7] = orch.submit(TaskSpec.dummy());
            });
            assertEquals(8, p.result().tasks());
            p.assertNothingLeaked();
        }
        assertEquals(Set.of(s[0].taskId(), s[1].taskId()), producersOf(s[2]));
        assertEquals(Set.of(s[2].taskId()), producersOf(s[3]));
        assertEquals(3, c.get(0), "the task after the dummy saw both writes before it");
        assertEquals(Set.of(s[4].taskId()), producersOf(s[5]));
        assertEquals(
                Set.of(s[5].taskId()),
                producersOf(s[6]),
                "the dummy covered the writer's entry: readers wait for the dummy");
        assertEquals(9, y.get(0));
        for (int i : new int[] {2, 5, 7})
            assertFalse(ran.contains(s[i].taskId()), "dummy " + i + " never runs on a core");
        for (int i : new int[] {0, 1, 3, 4, 6}) assertTrue(ran.contains(s[i].taskId()), "task " + i + " ran");
    }

    @Test
    void allocTensorsOutputsAreReadableByLaterTasks() {
        Tensor out = Tensor.allocate(arena, DType.FP32, 3);
        Kernel sum = Kernel.of("sum", ctx -> {
            Tensor in = ctx.tensor(0);
            double acc = 0;
            for (long k = 0; k < in.numel(); k++) acc += in.getRaw(in.linearOffset(k));
            ctx.tensor(1).set(acc, ctx.scalar(0));
        });
        long[] ids = new long[6];
        double[] read = new double[2];
        try (Runtime runtime = rt().build()) {
            RunProbe p = RunProbe.run(runtime, orch -> {
                Tensor[] ts =
                        orch.allocTensors(OutputSpec.of(DType.FP32, 8).filledWith(3), OutputSpec.of(DType.INT32, 2, 2));
                ids[0] = ts[0].ownerTaskId();
                ids[1] = ts[1].ownerTaskId();
                ids[2] = orch.submit(TaskSpec.aiv(sum).input(ts[0]).output(out).scalar(0))
                        .taskId();
                ids[3] = orch.submit(TaskSpec.aiv(WRITE)
                                .inout(ts[1].view(new long[] {1, 1}, new long[] {1, 1}))
                                .scalar(5))
                        .taskId();
                ids[4] = orch.submit(TaskSpec.aiv(sum).input(ts[1]).output(out).scalar(1))
                        .taskId();
                read[0] = orch.readElement(ts[0], 7);
                read[1] = orch.readElement(ts[1], 1, 1);
                try (Scope s = orch.scope()) {
                    Tensor[] inner =
                            orch.allocTensors(OutputSpec.of(DType.FP32, 4).filledWith(0.5));
                    ids[5] = orch.submit(TaskSpec.aiv(sum)
                                    .input(inner[0])
                                    .output(out)
                                    .scalar(2))
                            .taskId();
                }
            });
            p.result();
            p.assertNothingLeaked();
        }
        assertEquals(ids[0], ids[1], "one allocation task for both outputs");
        assertFalse(ran.contains(ids[0]), "the allocation task never runs");
        assertEquals(Set.of(ids[0]), producers.get(ids[2]), "readers depend on the allocation task as creator");
        assertEquals(Set.of(ids[0], ids[3]), producers.get(ids[4]));
        assertEquals(24, out.get(0));
        assertEquals(5, out.get(1));
        assertEquals(2, out.get(2));
        assertEquals(3, read[0]);
        assertEquals(5, read[1]);
    }

    @Test
    void readElementWaitsForTheWriters() {
        Tensor counter = Tensor.allocate(arena, DType.INT32, 1);
        Tensor grid = Tensor.allocate(arena, DType.INT32, 4, 4);
        Tensor untouched = Tensor.allocate(arena, DType.INT32, 2);
        untouched.set(11, 1);
        int chain = 300;
        double[] seen = new double[6];
        try (Runtime runtime = rt().build()) {
            RunProbe p = RunProbe.run(runtime, orch -> {
                for (int i = 0; i < chain; i++) orch.submit(TaskSpec.aiv(INC).inout(counter));
                seen[0] = orch.readElement(counter, 0);
                Submitted made = orch.submit(TaskSpec.aiv(WRITE)
                        .output(OutputSpec.of(DType.INT64, 1))
                        .scalar(42));
                seen[1] = orch.readElement(made.output(0), 0);
                orch.submit(TaskSpec.aiv(WRITE)
                        .output(grid.view(new long[] {2, 2}, new long[] {2, 2}))
                        .scalar(9));
                seen[2] = orch.readElement(grid, 2, 2);
                seen[3] = orch.readElement(grid.view(new long[] {1, 1}, new long[] {2, 2}), 0, 0);
                seen[4] = orch.readElement(untouched, 1);
                for (int i = 0; i < chain; i++) orch.submit(TaskSpec.aiv(INC).inout(counter));
                seen[5] = orch.readElement(counter, 0);
            });
            p.result();
            p.assertNothingLeaked();
        }
        assertEquals(chain, seen[0], "readElement waited for the whole chain of writers");
        assertEquals(42, seen[1], "readElement waited for the creator of a runtime output");
        assertEquals(9, seen[2]);
        assertEquals(9, seen[3]);
        assertEquals(11, seen[4], "no writer: read at once");
        assertEquals(2 * chain, seen[5]);
        assertNotEquals(0, counter.get(0));
    }
}
