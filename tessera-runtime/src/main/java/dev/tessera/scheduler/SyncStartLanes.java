package dev.tessera.scheduler;

import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * #1319: ready sync-start tasks wait in their own lane per shape, shared by every scheduler, and
 * every scheduler serves these lanes before any regular work (Tier 0), so a cohort no longer waits
 * behind a stream of regular MIX or AIC/AIV tasks for its turn in the shared queue. Bounded
 * lock-free MPMC queues, sized like the shared ready queues; a full lane backs off and retries.
 */
final class SyncStartLanes {
    private final MpmcAtomicArrayQueue<TaskSlot>[] lanes;

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
    SyncStartLanes(int capacity) {
        lanes = new MpmcAtomicArrayQueue[TaskShape.DISPATCHABLE];
        for (int s = 0; s < lanes.length; s++) lanes[s] = new MpmcAtomicArrayQueue<>(capacity);
    }

    void push(TaskSlot t, Actor actor) {
        if (!t.syncStart) throw new IllegalArgumentException(t + " is not a sync-start task");
        actor.charge(Cost.READY_PUSH);
        int round = 0;
        while (!lanes[t.shape].offer(t)) actor.idle(++round);
    }

    TaskSlot poll(int shape, Actor actor) {
        if (lanes[shape].isEmpty()) return null;
        actor.charge(Cost.READY_POP);
        return lanes[shape].poll();
    }

    boolean isEmpty(int shape) {
        return lanes[shape].isEmpty();
    }

    int size(int shape) {
        return lanes[shape].size();
    }
}
