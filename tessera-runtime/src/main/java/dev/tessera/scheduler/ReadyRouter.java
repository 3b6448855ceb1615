package dev.tessera.scheduler;

import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;

/**
 * Where a task that became ready goes, and where this scheduler takes ready tasks from (spec §4.6).
 * Tasks made ready by this scheduler's own completions stay in a small local list per shape, so it
 * can dispatch them in the same iteration without a trip through the global queue; whatever is
 * left at the end of the iteration goes global, so no scheduler hoards ready work. Owned by one
 * scheduler thread; only the global queues are shared.
 */
final class ReadyRouter {
    static final int LOCAL_CAPACITY = 64;

    private final RuntimeState rt;
    private final Actor actor;
    private final TaskSlot[][] local = new TaskSlot[TaskShape.DISPATCHABLE][LOCAL_CAPACITY];
    private final int[] localCount = new int[TaskShape.DISPATCHABLE];
    /** For {@code RuntimeState.completeTask}: consumers this scheduler's completions made ready. */
    final RuntimeState.ReadySink toLocal = this::readyLocal;

    ReadyRouter(RuntimeState rt, Actor actor) {
        this.rt = rt;
        this.actor = actor;
    }

    /** A task became ready here: keep it for this scheduler unless it is dependency-only or the list is full. */
    void readyLocal(TaskSlot t) {
        t.readyNs = actor.now();
        int shape = t.shape;
        if (shape == TaskShape.DUMMY || localCount[shape] == LOCAL_CAPACITY) {
            rt.ready.push(t, actor);
            rt.wakeSchedulers();
        } else {
            local[shape][localCount[shape]++] = t;
        }
    }

    /** A task became ready for whichever scheduler gets to it first. */
    void readyGlobal(TaskSlot t) {
        t.readyNs = actor.now();
        rt.ready.push(t, actor);
    }

    /** The next ready task of {@code shape}, local ones first (newest first), or null. */
    TaskSlot next(int shape) {
        int n = localCount[shape];
        if (n > 0) {
            TaskSlot t = local[shape][--n];
            local[shape][n] = null;
            localCount[shape] = n;
            return t;
        }
        if (rt.ready.isEmpty(shape)) return null;
        return rt.ready.poll(shape, actor);
    }

    /** Puts back a task that still has blocks to claim, for any scheduler. */
    void requeue(TaskSlot task) {
        rt.ready.push(task, actor);
        rt.wakeSchedulers();
    }

    /** Puts back tasks held back during a dispatch pass, without waking anyone (this scheduler will see them). */
    void putBack(TaskSlot task) {
        rt.ready.push(task, actor);
    }

    /** End of an iteration: leftover local tasks go global and the other schedulers are woken. */
    void flushLocal() {
        boolean pushed = false;
        for (int s = 0; s < TaskShape.DISPATCHABLE; s++) {
            for (int i = 0; i < localCount[s]; i++) {
                rt.ready.push(local[s][i], actor);
                local[s][i] = null;
                pushed = true;
            }
            localCount[s] = 0;
        }
        if (pushed) rt.wakeSchedulers();
    }

    /** For stall reports. */
    String describeLocal() {
        return java.util.Arrays.toString(localCount);
    }
}
