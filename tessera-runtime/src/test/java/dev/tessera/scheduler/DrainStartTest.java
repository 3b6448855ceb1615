package dev.tessera.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.profiling.Trace;
import dev.tessera.topology.Topology;
import org.junit.jupiter.api.Test;

/** The trace records when a sync-start cohort's drain begins, in both drain modes, and not when it launches at once. */
class DrainStartTest {
    private static final Kernel WORK = Kernel.of("work", ctx -> {});

    private static Trace run(SyncStartMode mode, boolean busyFirst) {
        try (Runtime rt = Runtime.builder()
                .topology(Topology.custom(2, 1))
                .sim()
                .syncStartMode(mode)
                .trace(true)
                .build()) {
            RunResult r = rt.run(orch -> {
                if (busyFirst) orch.submit(TaskSpec.aic(WORK).named("busy"));
                orch.submit(TaskSpec.aic(WORK).syncStart(2).named("cohort"));
            });
            return r.trace();
        }
    }

    private static long cohortId(Trace t) {
        return t.tasks().stream()
                .filter(x -> x.name().equals("cohort"))
                .findFirst()
                .orElseThrow()
                .id();
    }

    @Test
    void aDrainIsRecordedFromItsStartToBeforeTheLaunch() {
        for (SyncStartMode mode : SyncStartMode.values()) {
            Trace t = run(mode, true);
            long id = cohortId(t);
            long start = t.drainStartNs(id);
            assertNotEquals(Trace.NONE, start, mode + ": one of two clusters was busy, so the cohort drained");
            for (Trace.Subtask s : t.subtasks()) {
                if (s.taskId() == id)
                    assertTrue(start <= s.dispatchNs(), mode + ": the drain starts before the launch");
            }
        }
    }

    @Test
    void aCohortOnIdleCoresHasNoDrain() {
        Trace t = run(SyncStartMode.RESERVE, false);
        assertEquals(Trace.NONE, t.drainStartNs(cohortId(t)));
    }
}
