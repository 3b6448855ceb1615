package dev.tessera.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Runtime;
import dev.tessera.platform.Actor;
import dev.tessera.platform.IdleActor;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.run.Run;
import dev.tessera.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * {@link RuntimeState#hasWorkInFlight()} tells the orchestrator's waiting submit a slow runtime from
 * a deadlock. It must stay true from a task's submission until its release is done, whatever point
 * of completion or release the completing scheduler is descheduled at. The test stops "the
 * scheduler" at each such point (it makes the scheduler's calls itself) and looks.
 */
class WorkInFlightTest {
    private static final Actor STILL = new IdleActor();

    @Test
    void aCompletedTaskStaysInFlightUntilItsReleaseIsDone() {
        RuntimeState rt;
        try (Runtime runtime = Runtime.builder().topology(Topology.custom(1, 1)).build()) {
            rt = Run.newState(runtime.config(), TraceRecorder.OFF);
        }
        try {
            TaskSlot task = rt.rings[0].allocateSlot(0);
            rt.submitted.incrementAndGet();
            assertTrue(rt.hasWorkInFlight(), "submitted, not completed");

            // The scheduler that finished the last block completes the task...
            rt.completeTask(task, STILL, ready -> {}, new TaskSlot[][] {new TaskSlot[4]});
            // ...and is descheduled here, its release still deferred: a submit waiting for this
            // task's slot must not conclude that nothing can free one.
            assertTrue(rt.hasWorkInFlight(), "completed but not yet released: still in flight");

            rt.releaseTask(task, STILL);
            assertFalse(rt.hasWorkInFlight(), "completed and released: quiet");
        } finally {
            rt.close();
        }
    }
}
