package dev.tessera.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.lincheck.LincheckRuns;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What: {@link TaskSlot#claimBlocks(int)} is linearizable. Several schedulers claim blocks of the
 * same multi-block task concurrently; each claim must map to one atomic step of the sequential
 * "take min(max, remaining) blocks from the front" model, so ranges never overlap, never skip a
 * block and together never exceed {@code blockNum}. Lincheck compares every concurrent history
 * against the sequential behaviour of the same class (the packed {@code first << 32 | count}
 * result pins the exact range each claimer got).
 *
 * <p>Why: an overlapping claim runs a block twice; an over-claim dispatches a block index that
 * does not exist; a lost block hangs the task (its completion count never reaches the total).
 *
 * <p>The negative control runs the same harness against a check-then-set claim (the bug a CAS
 * retry loop prevents) and requires Lincheck to reject it, so this test is known to be able to fail.
 */
// Model checking takes minutes on a loaded 2-CPU machine: more than the default test timeout.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
public class ClaimBlocksLincheckTest {
    static final int BLOCKS = 5;

    private final TaskSlot slot = new TaskSlot(0, 0);

    public ClaimBlocksLincheckTest() {
        slot.blockNum = BLOCKS;
    }

    @Operation
    public long claim(@Param(gen = IntGen.class, conf = "1:3") int max) {
        return slot.claimBlocks(max);
    }

    @Operation
    public int unclaimed() {
        return slot.unclaimedBlocks();
    }

    @Validate
    public void neverOverClaimed() {
        int next = slot.nextBlock();
        if (next > BLOCKS) throw new AssertionError("claimed past blockNum: nextBlock=" + next);
    }

    @Test
    void modelChecking() {
        LincheckRuns.modelChecking()
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1)
                .check(ClaimBlocksLincheckTest.class);
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
                .check(ClaimBlocksLincheckTest.class);
    }

    /** The bug claimBlocks' CAS loop prevents: read, compute, then blindly set. */
    public static class RacyClaim {
        private final AtomicInteger nextBlock = new AtomicInteger();

        @Operation
        public long claim(@Param(gen = IntGen.class, conf = "1:3") int max) {
            int next = nextBlock.get();
            int n = Math.min(max, BLOCKS - next);
            if (n <= 0) return -1;
            nextBlock.set(next + n);
            return ((long) next << 32) | n;
        }

        @Operation
        public int unclaimed() {
            return Math.max(0, BLOCKS - nextBlock.get());
        }
    }

    @Test
    void negativeControlRacyClaimIsRejected() {
        String why = LincheckRuns.rejection(RacyClaim.class, 2, 2, 0, 20);
        assertTrue(why.contains("Invalid execution results"), why);
    }
}
