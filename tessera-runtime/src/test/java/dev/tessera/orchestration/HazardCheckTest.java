package dev.tessera.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.Orchestration;
import dev.tessera.api.Orchestrator;
import dev.tessera.api.Runtime;
import dev.tessera.api.Scope;
import dev.tessera.api.ScopeMode;
import dev.tessera.api.Submitted;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.errors.DependencyHazardException;
import dev.tessera.errors.ErrorCode;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The opt-in hazard check, on sim so "still unfinished" is repeatable (kernels take 10 µs, a
 * submit half a microsecond). Each unordered conflict the reference leaves to the user is reported
 * with both tasks named; ordered or disjoint accesses, and tasks already finished, are not; and
 * without the check the same programs run.
 */
class HazardCheckTest {
    private static final Topology TOPO = Topology.custom(4, 2);
    private static final Kernel WORK = Kernel.of("work", ctx -> {});

    private Arena arena;
    private Tensor t;

    @BeforeEach
    void setUp() {
        arena = Arena.ofShared();
        t = Tensor.allocate(arena, DType.FP32, 8, 8);
    }

    @AfterEach
    void tearDown() {
        arena.close();
    }

    private static Runtime runtime(boolean check) {
        return Runtime.builder()
                .topology(TOPO)
                .sim(CostModel.a2a3().withOverride(CostModel.KERNEL_DEFAULT, 10_000))
                .hazardCheck(check)
                .build();
    }

    /** Runs {@code program}; returns the hazard its last step threw (or null), after checking the runtime stayed usable. */
    private static DependencyHazardException hazardOf(
            boolean check, Consumer<Orchestrator> setup, Consumer<Orchestrator> step) {
        DependencyHazardException[] caught = new DependencyHazardException[1];
        Orchestration o = orch -> {
            setup.accept(orch);
            try {
                step.accept(orch);
            } catch (DependencyHazardException e) {
                caught[0] = e;
            }
            orch.submit(TaskSpec.aiv(WORK).named("after")); // still usable
        };
        try (Runtime rt = runtime(check)) {
            rt.run(o);
        }
        return caught[0];
    }

    private DependencyHazardException hazard(Consumer<Orchestrator> setup, Consumer<Orchestrator> step) {
        assertNull(hazardOf(false, setup, step), "without the check nothing is reported");
        DependencyHazardException e = hazardOf(true, setup, step);
        assertTrue(e != null, "the hazard went unreported");
        assertEquals(ErrorCode.DEPENDENCY_HAZARD, e.code());
        return e;
    }

    private void noHazard(Consumer<Orchestrator> setup, Consumer<Orchestrator> step) {
        assertNull(hazardOf(true, setup, step));
    }

    @Test
    void aWriteAfterAnUnfinishedReadIsReported() {
        DependencyHazardException e = hazard(
                o -> o.submit(TaskSpec.aiv(WORK).input(t).named("reader")),
                o -> o.submit(TaskSpec.aiv(WORK).inout(t).named("writer")));
        assertTrue(
                e.getMessage().contains("'writer' reads and writes")
                        && e.getMessage().contains("'reader'")
                        && e.getMessage().contains("still reads")
                        && e.getMessage().contains("write-after-read")
                        && e.getMessage().contains(".dependsOn("),
                e.getMessage());
    }

    @Test
    void outputIntoATensorAnUnfinishedTaskWritesIsReported() {
        DependencyHazardException e = hazard(
                o -> o.submit(TaskSpec.aiv(WORK).inout(t).named("first")),
                o -> o.submit(TaskSpec.aiv(WORK).output(t).named("second")));
        assertTrue(
                e.getMessage().contains("'second' writes")
                        && e.getMessage().contains("'first'")
                        && e.getMessage().contains("output(existing) waits only for the tensor's creator"),
                e.getMessage());
    }

    @Test
    void readingWhatAManualScopeStillWritesIsReported() {
        DependencyHazardException e = hazard(
                o -> {
                    try (Scope s = o.scope(ScopeMode.MANUAL)) {
                        o.submit(TaskSpec.aiv(WORK).inout(t).named("manualWriter"));
                    }
                },
                o -> o.submit(TaskSpec.aiv(WORK).input(t).named("autoReader")));
        assertTrue(
                e.getMessage().contains("'autoReader' reads")
                        && e.getMessage().contains("'manualWriter'")
                        && e.getMessage().contains("MANUAL"),
                e.getMessage());
    }

    @Test
    void readElementOfWhatAManualScopeStillWritesIsReported() {
        DependencyHazardException e = hazard(
                o -> {
                    try (Scope s = o.scope(ScopeMode.MANUAL)) {
                        o.submit(TaskSpec.aiv(WORK).inout(t).named("manualWriter"));
                    }
                },
                o -> o.readElement(t, 0, 0));
        assertTrue(
                e.getMessage().startsWith("[DEPENDENCY_HAZARD (130)] readElement")
                        && e.getMessage().contains("'manualWriter'"),
                e.getMessage());
    }

    @Test
    void orderedDisjointOrFinishedAccessesAreFine() {
        // read after read
        noHazard(
                o -> o.submit(TaskSpec.aiv(WORK).input(t)),
                o -> o.submit(TaskSpec.aiv(WORK).input(t)));
        // write after read, ordered explicitly, and through a chain of unfinished tasks
        noHazard(o -> {}, o -> {
            Submitted reader = o.submit(TaskSpec.aiv(WORK).input(t));
            o.submit(TaskSpec.aiv(WORK).inout(t).dependsOn(reader.taskId()));
        });
        noHazard(o -> {}, o -> {
            Submitted reader = o.submit(TaskSpec.aiv(WORK).input(t));
            Submitted middle = o.submit(TaskSpec.dummy().dependsOn(reader.taskId()));
            o.submit(TaskSpec.aiv(WORK).inout(t).dependsOn(middle.taskId()));
        });
        // write after write with inout: inferred
        noHazard(
                o -> o.submit(TaskSpec.aiv(WORK).inout(t)),
                o -> o.submit(TaskSpec.aiv(WORK).inout(t)));
        // disjoint rows of one buffer
        noHazard(
                o -> o.submit(TaskSpec.aiv(WORK).input(t.slice(0, 0, 4))),
                o -> o.submit(TaskSpec.aiv(WORK).inout(t.slice(0, 4, 8))));
        // the reader has finished: readElement of its output waited for it
        noHazard(
                o -> {
                    Tensor done = o.submit(TaskSpec.aiv(WORK).input(t).output(DType.FP32, 1))
                            .output(0);
                    o.readElement(done, 0);
                },
                o -> o.submit(TaskSpec.aiv(WORK).inout(t)));
        // keeping a tensor only reads it, though its copy task orders later writers after it
        noHazard(o -> o.submit(TaskSpec.aiv(WORK).input(t)), o -> o.keep("t", t));
        // opted out: noDep
        noHazard(
                o -> o.submit(TaskSpec.aiv(WORK).input(t)),
                o -> o.submit(TaskSpec.aiv(WORK).noDep(t)));
    }
}
