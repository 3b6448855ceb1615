package dev.tessera.core;

import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * Global ready queues, one per shape plus one for dependency-only tasks (spec §4.6): bounded
 * lock-free MPMC queues (JCTools) that any scheduler pushes to and polls from.
 *
 * <p>Implementation note: retrying a full queue is safe because of one invariant, <em>at most one
 * entry per task across all queues</em> (and the schedulers' local ready lists). A task is pushed when it
 * becomes ready (once: its fan-in reaches the count exactly once), and pushed again only by the
 * scheduler that polled it and so removed its entry (a re-queue of remaining blocks, a sync-start task held back for a pass). Each
 * queue holds at least as many entries as there can be live tasks (every ring's window), so a
 * full queue means some entries are still being made visible by concurrent pollers (JCTools'
 * MPMC offer can fail while a slot is being consumed), never that the live tasks outnumber it:
 * the pusher backs off and retries, where the reference drops the task.
 */
public final class ReadyQueues {
    private final MpmcAtomicArrayQueue<TaskSlot>[] queues;

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
    ReadyQueues(int capacity) {
        queues = new MpmcAtomicArrayQueue[4];
        for (int i = 0; i < 4; i++) queues[i] = new MpmcAtomicArrayQueue<>(capacity);
    }

    public void push(TaskSlot t, Actor actor) {
        actor.charge(Cost.READY_PUSH);
        MpmcAtomicArrayQueue<TaskSlot> q = queues[t.shape];
        int round = 0;
        while (!q.offer(t)) actor.idle(++round);
    }

    public TaskSlot poll(int shape, Actor actor) {
        actor.charge(Cost.READY_POP);
        return queues[shape].poll();
    }

    public boolean isEmpty(int shape) {
        return queues[shape].isEmpty();
    }

    /** How many tasks each queue holds at most. */
    public int capacity() {
        return queues[0].capacity();
    }

    public int size(int shape) {
        return queues[shape].size();
    }
}
