package dev.tessera.core;

import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * Global ready queues, one per shape plus one for dependency-only tasks (spec §4.6). Bounded
 * lock-free MPMC queues sized to hold every live task, so a push can only fail transiently; the
 * pusher then backs off and retries instead of dropping the task as the reference would.
 */
public final class ReadyQueues {
    private final MpmcAtomicArrayQueue<TaskSlot>[] queues;

    @SuppressWarnings("unchecked")
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
