package dev.tessera.scheduler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.TaskRing;
import dev.tessera.core.TaskSlot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A RESERVE cohort sets aside busy cores only once every scheduler has offered its idle ones
 * ({@link Cohort#visit}). That must hold for any scheduler count: {@code Topology.host()} gives 31
 * schedulers on a 124-CPU machine and {@code CxS} has no limit, so 31, 32, 33 and 64 are the edges
 * of a 32-bit mask.
 */
class CohortVisitTest {
    private static Cohort cohort(int schedulers) {
        TaskSlot task = new TaskRing(0, 4, 0, null).allocateSlot(0);
        task.blockNum = 2;
        return new Cohort(task, 0, schedulers);
    }

    @ParameterizedTest(name = "{0} schedulers, the last one visits last")
    @ValueSource(ints = {1, 2, 3, 31, 32, 33, 64, 100})
    void everySchedulerMustVisitBeforeTheCohortCountsAsSeenByAll(int schedulers) {
        Cohort c = cohort(schedulers);
        for (int id = 0; id < schedulers - 1; id++)
            assertFalse(c.visit(id), "only " + (id + 1) + " of " + schedulers + " visited");
        if (schedulers > 1) assertFalse(c.visit(0), "a second visit by scheduler 0 counts once");
        assertTrue(c.visit(schedulers - 1), "all " + schedulers + " visited");
        assertTrue(c.visit(0), "and it stays so");
    }

    @ParameterizedTest(name = "{0} schedulers, scheduler 0 visits last")
    @ValueSource(ints = {31, 32, 33, 64})
    void theOrderOfVisitsDoesNotMatter(int schedulers) {
        Cohort c = cohort(schedulers);
        for (int id = schedulers - 1; id > 0; id--) assertFalse(c.visit(id), "scheduler 0 has not visited yet");
        assertTrue(c.visit(0), "all " + schedulers + " visited");
    }
}
