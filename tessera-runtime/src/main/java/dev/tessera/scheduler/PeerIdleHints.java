package dev.tessera.scheduler;

import dev.tessera.core.TaskShape;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How many idle targets of each shape every scheduler had when it last looked: what #855's
 * pending-slot rule asks ("does a peer have an idle core of this shape?"). Each scheduler writes
 * only its own entries; readers get a recent value, not a synchronised one, exactly as in the
 * reference, where the check is a racy hint: a wrong answer costs a little latency (a block waits
 * in a pending slot, or a pending slot stays empty one pass longer), never correctness.
 */
final class PeerIdleHints {
    private final AtomicIntegerArray idle;
    private final int schedulers;

    PeerIdleHints(int schedulers) {
        this.schedulers = schedulers;
        this.idle = new AtomicIntegerArray(schedulers * TaskShape.DISPATCHABLE);
    }

    /** Scheduler {@code self} publishes its idle targets. */
    void publish(int self, CoreTracker tracker) {
        for (int s = 0; s < TaskShape.DISPATCHABLE; s++)
            idle.setOpaque(self * TaskShape.DISPATCHABLE + s, tracker.idleCount(s));
    }

    /** What scheduler {@code peer} last said it had idle of {@code shape}. */
    int idleOf(int peer, int shape) {
        return idle.getOpaque(peer * TaskShape.DISPATCHABLE + shape);
    }

    /** Whether a scheduler other than {@code self} last said it had an idle target of {@code shape}. */
    boolean peerHasIdle(int self, int shape) {
        for (int k = 0; k < schedulers; k++) {
            if (k != self && idle.getOpaque(k * TaskShape.DISPATCHABLE + shape) > 0) return true;
        }
        return false;
    }
}
