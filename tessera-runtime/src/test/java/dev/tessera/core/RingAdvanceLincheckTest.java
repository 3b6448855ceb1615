package dev.tessera.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.lincheck.LincheckRuns;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What: {@link TaskRing#advance()} — the watermark move over CONSUMED slots under a CAS try-lock,
 * where a thread that loses the try-lock returns at once and relies on the winner re-checking the
 * slot at the watermark after it unlocks.
 *
 * <p>Checked properties, over every interleaving Lincheck's model checker explores (plus a stress run):
 * <ul>
 *   <li>Safety, at every point: {@code lastTaskAlive} never passes a slot that is not CONSUMED
 *       (checked after each operation and by a separate observer operation; slot {@code SLOTS-1}
 *       is allocated but never consumed, so an over-advance past the end is caught too).
 *   <li>Liveness of the hand-off ({@code @Validate}, after the parallel part): once every thread is
 *       done, {@code lastTaskAlive} equals the length of the longest prefix of consumed slots. A
 *       lost wake-up (slot consumed during another thread's scan, loser gives up, winner does not
 *       re-check) leaves it short and fails here.
 * </ul>
 * Advance is deliberately not linearizable (a loser's {@code advance()} may return before the
 * watermark moved), so operations return nothing and the properties are asserted directly; a
 * violation surfaces as an exception (result mismatch vs. the sequential run) or a validation failure.
 *
 * <p>Why: a watermark left behind a consumed slot stalls slot reuse and heap reclamation; with a
 * full window the orchestrator then waits forever. Passing a live slot reuses it under a running task.
 *
 * <p>The negative control runs the same harness on a copy of the algorithm without the winner's
 * re-check (the reference runtime's try-lock, spec §3.6) and requires Lincheck to reject it.
 */
// Model checking takes minutes on a loaded 2-CPU machine: more than the default test timeout.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
public class RingAdvanceLincheckTest {
    /** Slots allocated; operations consume 0..SLOTS-2, the last one stays PENDING as a sentinel. */
    static final int SLOTS = 5;

    private final TaskRing ring = new TaskRing(0, 8, 0, null);
    private final TaskSlot[] slots = new TaskSlot[SLOTS];
    private final AtomicBoolean[] taken = new AtomicBoolean[SLOTS];

    public RingAdvanceLincheckTest() {
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = ring.allocateSlot(0);
            taken[i] = new AtomicBoolean();
        }
    }

    /** A scheduler finishing task {@code i}: complete it, drop the scope reference, advance the ring. */
    @Operation
    public void consume(@Param(gen = IntGen.class, conf = "0:3") int i) {
        if (taken[i].compareAndSet(false, true)) { // each task completes once; repeats only advance
            TaskSlot s = slots[i];
            s.markCompleted();
            // two holders: the task's own reference (its completion) and its scope's
            if (s.release()) throw new IllegalStateException("slot " + i + " CONSUMED with its scope still holding it");
            if (!s.release()) throw new IllegalStateException("slot " + i + " did not become CONSUMED");
        }
        ring.advance();
        checkSound();
    }

    /** An observer (e.g. the orchestrator checking for a free slot) reading the watermark. */
    @Operation
    public void observe() {
        checkSound();
    }

    private void checkSound() {
        long lta = ring.lastTaskAlive();
        if (lta > SLOTS - 1) throw new IllegalStateException("watermark " + lta + " passed the sentinel");
        for (int k = 0; k < lta; k++) {
            if (slots[k].state() != TaskSlot.CONSUMED) {
                throw new IllegalStateException("watermark " + lta + " passed live slot " + k);
            }
        }
    }

    @Validate
    public void watermarkCaughtUp() {
        int prefix = 0;
        while (prefix < SLOTS && slots[prefix].state() == TaskSlot.CONSUMED) prefix++;
        long lta = ring.lastTaskAlive();
        if (lta != prefix) {
            throw new IllegalStateException("lastTaskAlive=" + lta + " but consumed prefix=" + prefix);
        }
    }

    @Test
    void modelChecking() {
        LincheckRuns.modelChecking()
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(0)
                .check(RingAdvanceLincheckTest.class);
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
                .actorsAfter(0)
                .check(RingAdvanceLincheckTest.class);
    }

    /**
     * The same ring watermark with the reference's lossy try-lock: the winner scans once and
     * leaves; a thread that consumed a slot during that scan and lost the try-lock also leaves.
     */
    public static class LossyRing {
        private final AtomicIntegerArray consumed = new AtomicIntegerArray(SLOTS);
        private volatile long lastTaskAlive;
        private final AtomicBoolean advancing = new AtomicBoolean();

        private void advance() {
            if (!advancing.compareAndSet(false, true)) return;
            try {
                long lta = lastTaskAlive;
                while (lta < SLOTS && consumed.get((int) lta) == 1) lta++;
                lastTaskAlive = lta;
            } finally {
                advancing.set(false);
            }
        }

        @Operation
        public void consume(@Param(gen = IntGen.class, conf = "0:3") int i) {
            consumed.set(i, 1);
            advance();
        }

        @Operation
        public void observe() {}

        @Validate
        public void watermarkCaughtUp() {
            int prefix = 0;
            while (prefix < SLOTS && consumed.get(prefix) == 1) prefix++;
            if (lastTaskAlive != prefix) {
                throw new IllegalStateException("lastTaskAlive=" + lastTaskAlive + " but consumed prefix=" + prefix);
            }
        }
    }

    @Test
    void negativeControlLossyTryLockIsRejected() {
        String why = LincheckRuns.rejection(LossyRing.class, 2, 2, 0, 20);
        assertTrue(why.contains("consumed prefix"), why);
    }
}
