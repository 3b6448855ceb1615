package dev.tessera.scheduler;

import static dev.tessera.scheduler.CompletionTable.Outcome.BOTH_FINISHED;
import static dev.tessera.scheduler.CompletionTable.Outcome.GATED_PROMOTED;
import static dev.tessera.scheduler.CompletionTable.Outcome.NOTHING;
import static dev.tessera.scheduler.CompletionTable.Outcome.PENDING_STARTED;
import static dev.tessera.scheduler.CompletionTable.Outcome.RUNNING_FINISHED;
import static dev.tessera.scheduler.CompletionTable.Outcome.RUNNING_LATCHED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.TaskRing;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.CorePort;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ACK/FIN decision table (spec §4.3) on synthetic status words, and the tracker transitions
 * the poller applies for each outcome.
 */
class CompletionTableTest {
    private static final int C = 1; // local core 1: cluster 0's AIV0

    private CoreTracker tracker;
    private TaskSlot a;
    private TaskSlot b;

    @BeforeEach
    void setUp() {
        tracker = new CoreTracker(Topology.custom(2, 1), 0);
        TaskRing ring = new TaskRing(0, 4, 0, null);
        a = ring.allocateSlot(0);
        b = ring.allocateSlot(0);
    }

    private static int ack(int token) {
        return token;
    }

    private static int fin(int token) {
        return CorePort.FIN_BIT | token;
    }

    /** Core C runs token 1 (task a); with {@code pending}, token 2 (task b) waits in its pending register. */
    private void busy(boolean pending) {
        int run = tracker.nextToken(C);
        tracker.startRunning(C, a, Lane.AIV0.ordinal(), 0, run, 100);
        if (pending) tracker.queuePending(C, b, Lane.AIV0.ordinal(), 1, tracker.nextToken(C));
    }

    @Test
    void withoutAPendingDispatchTheRunningOnesAckAndFinDecide() {
        busy(false);
        assertEquals(RUNNING_LATCHED, CompletionTable.decide(tracker, C, ack(1)));
        assertEquals(RUNNING_FINISHED, CompletionTable.decide(tracker, C, fin(1)));
        assertEquals(
                NOTHING, CompletionTable.decide(tracker, C, CorePort.IDLE_STATUS), "the status before the first post");
        assertEquals(NOTHING, CompletionTable.decide(tracker, C, fin(7)), "another token");
    }

    @Test
    void withAPendingDispatchOnlyItsOwnStatusCounts() {
        busy(true);
        assertEquals(
                NOTHING, CompletionTable.decide(tracker, C, ack(1)), "the pending payload's buffer stays occupied");
        assertEquals(
                NOTHING,
                CompletionTable.decide(tracker, C, fin(1)),
                "FIN of the running one: wait for the pending one's status");
        assertEquals(PENDING_STARTED, CompletionTable.decide(tracker, C, ack(2)));
        assertEquals(BOTH_FINISHED, CompletionTable.decide(tracker, C, fin(2)));
    }

    /**
     * Case 3.3 (early dispatch, #1079): a gated pending dispatch does not ACK before its doorbell,
     * so the running one's FIN promotes it instead of waiting; its ACK, or FIN, still decide as for
     * any pending dispatch if the doorbell came first.
     */
    @Test
    void theRunningOnesFinPromotesAGatedPendingDispatch() {
        busy(true);
        tracker.gate(C, true);
        assertEquals(NOTHING, CompletionTable.decide(tracker, C, ack(1)), "the running one's ACK: nothing new");
        assertEquals(GATED_PROMOTED, CompletionTable.decide(tracker, C, fin(1)));
        assertEquals(PENDING_STARTED, CompletionTable.decide(tracker, C, ack(2)), "doorbell already rung");
        assertEquals(BOTH_FINISHED, CompletionTable.decide(tracker, C, fin(2)));
    }

    @Test
    void aPromotedGatedDispatchHoldsItsCoreUntilItsOwnAck() {
        busy(true);
        tracker.gate(C, true);
        tracker.promoteGated(C, 300);
        assertSame(b, tracker.runTask[C]);
        assertEquals(2, tracker.runToken[C]);
        assertTrue(tracker.runGated[C], "still gated");
        assertFalse(tracker.pendGated[C]);
        assertTrue(tracker.pendingOccupied[C], "unlatched: no pending dispatch may follow it yet");
        assertEquals(NOTHING, CompletionTable.decide(tracker, C, fin(1)), "the old FIN is still shown");
        assertEquals(RUNNING_LATCHED, CompletionTable.decide(tracker, C, ack(2)), "after its doorbell");
        assertEquals(RUNNING_FINISHED, CompletionTable.decide(tracker, C, fin(2)));
    }

    @Test
    void aGatedRunningDispatchOnAnIdleCoreIsDecidedByItsOwnStatus() {
        busy(false);
        tracker.gate(C, false);
        assertEquals(NOTHING, CompletionTable.decide(tracker, C, CorePort.IDLE_STATUS), "before its doorbell");
        assertEquals(RUNNING_LATCHED, CompletionTable.decide(tracker, C, ack(1)));
        assertEquals(RUNNING_FINISHED, CompletionTable.decide(tracker, C, fin(1)));
        tracker.becomeIdle(C);
        assertFalse(tracker.runGated[C]);
    }

    @Test
    void theDecisionChangesNothing() {
        busy(true);
        CompletionTable.decide(tracker, C, fin(2));
        assertSame(a, tracker.runTask[C]);
        assertSame(b, tracker.pendTask[C]);
        assertFalse(tracker.idle[C]);
        assertTrue(tracker.pendingOccupied[C]);
    }

    @Test
    void aLatchedPendingDispatchBecomesTheRunningOne() {
        busy(true);
        tracker.promotePending(C, 250);
        assertSame(b, tracker.runTask[C]);
        assertEquals(2, tracker.runToken[C]);
        assertEquals(1, tracker.runBlock[C]);
        assertEquals(250, tracker.runSince[C]);
        assertNull(tracker.pendTask[C]);
        assertFalse(tracker.pendingOccupied[C], "its buffer was latched");
        assertEquals(
                RUNNING_FINISHED, CompletionTable.decide(tracker, C, fin(2)), "and is then decided as the running one");
    }

    @Test
    void anIdleCoreIsFreeAgain() {
        busy(true);
        tracker.becomeIdle(C);
        assertTrue(tracker.idle[C]);
        assertNull(tracker.runTask[C]);
        assertNull(tracker.pendTask[C]);
        assertFalse(tracker.pendingOccupied[C]);
        assertFalse(tracker.hasRunning());
    }

    @Test
    void tokensCountFromOneAndWrapBelowTheReservedOnesKeepingTheirParity() {
        int token = 0;
        for (int i = 0; i < 5; i++) token = tracker.nextToken(0);
        assertEquals(5, token, "one more per dispatch, from 1");
        int last = CorePort.FIRST_RESERVED_TOKEN - 1;
        assertEquals(2, CoreTracker.tokenAfter(last), "wraps to an even token, as the reserved start is even");
        assertEquals(0, CorePort.FIRST_RESERVED_TOKEN % 2);
        assertEquals(3, CoreTracker.tokenAfter(2));
    }
}
