package dev.tessera.scheduler;

import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * One mailbox per scheduler for block ranges another scheduler claimed for it
 * ({@link PeerHandoffPolicy}): many producers, the owner the only consumer. Unbounded (chunked), so a
 * hand-off never waits; the ranges in flight are bounded by the blocks of the live tasks.
 */
final class Handoffs {
    /** Blocks {@code first .. first+count-1} of {@code task}, claimed for the mailbox's owner. */
    record Range(TaskSlot task, int first, int count) {}

    private final MpscUnboundedAtomicArrayQueue<Range>[] boxes;

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
    Handoffs(int schedulers) {
        boxes = new MpscUnboundedAtomicArrayQueue[schedulers];
        for (int s = 0; s < schedulers; s++) boxes[s] = new MpscUnboundedAtomicArrayQueue<>(64);
    }

    void send(int to, Range r, Actor actor) {
        actor.charge(Cost.READY_PUSH);
        boxes[to].offer(r);
    }

    /** The owner's next range, or null. */
    Range receive(int owner, Actor actor) {
        if (boxes[owner].isEmpty()) return null;
        actor.charge(Cost.READY_POP);
        return boxes[owner].poll();
    }

    boolean isEmpty(int owner) {
        return boxes[owner].isEmpty();
    }

    int size(int owner) {
        return boxes[owner].size();
    }
}
