package dev.tessera.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.TaskRing;
import dev.tessera.core.TaskSlot;
import dev.tessera.lincheck.LincheckRuns;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What: {@link Cohort#tryDesignate()} is linearizable: schedulers racing to reserve cores for a
 * sync-start cohort get exactly {@code need} successes in total, in any interleaving — never more
 * (a core reserved for a cohort that cannot use it sits idle until the cohort launches) and never
 * fewer while capacity remains (the cohort would wait forever for a reservation nobody makes).
 * {@code @Validate} additionally checks {@code designated <= need} after every run.
 *
 * <p>The negative control (check-then-increment without CAS) must be rejected by Lincheck.
 */
// Model checking takes minutes on a loaded 2-CPU machine: more than the default test timeout.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
public class CohortLincheckTest {
    static final int NEED = 2;

    private final Cohort cohort;

    public CohortLincheckTest() {
        TaskSlot task = new TaskRing(0, 4, 0, null).allocateSlot(0);
        task.blockNum = NEED;
        cohort = new Cohort(task, 0, 1);
    }

    @Operation
    public boolean tryDesignate() {
        return cohort.tryDesignate();
    }

    @Operation
    public int designated() {
        return cohort.designated.get();
    }

    @Validate
    public void neverOverDesignated() {
        int d = cohort.designated.get();
        if (d > cohort.need) throw new IllegalStateException("designated " + d + " > need " + cohort.need);
    }

    @Test
    void modelChecking() {
        LincheckRuns.modelChecking()
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(1)
                .check(CohortLincheckTest.class);
    }

    /**
     * A smoke check on real threads and the real memory model. Two CPUs rarely interleave two
     * short CAS loops finely, so more stress rounds buy little: the model checker above, which
     * explores the interleavings, carries the proof (and its negative control shows it can fail).
     */
    @Test
    void stress() {
        LincheckRuns.stress()
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(0)
                .actorsAfter(1)
                .check(CohortLincheckTest.class);
    }

    public static class RacyDesignate {
        private final AtomicInteger designated = new AtomicInteger();

        @Operation
        public boolean tryDesignate() {
            if (designated.get() >= NEED) return false;
            designated.incrementAndGet();
            return true;
        }

        @Operation
        public int designated() {
            return designated.get();
        }
    }

    @Test
    void negativeControlRacyDesignateIsRejected() {
        String why = LincheckRuns.rejection(RacyDesignate.class, 3, 1, 1, 20);
        assertTrue(why.contains("Invalid execution results"), why);
    }
}
