package dev.tessera.scheduler;

import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;

/**
 * Tasks this scheduler completed whose release (letting go of their producers, spec §3.6) waits
 * for a quiet moment: releasing may walk a ring's watermark, which is work the next dispatch
 * should not wait for. Flushed when full, when the scheduler has nothing else to do, and before
 * it decides the run is over. Owned by one scheduler thread.
 */
final class DeferredReleases {
    static final int CAPACITY = 256;

    private final RuntimeState rt;
    private final Actor actor;
    private final TaskSlot[] tasks = new TaskSlot[CAPACITY];
    private int count;

    DeferredReleases(RuntimeState rt, Actor actor) {
        this.rt = rt;
        this.actor = actor;
    }

    /** Queues the release of a task this scheduler completed ({@code RuntimeState.completeTask}). */
    void add(TaskSlot t) {
        tasks[count++] = t;
        if (count == CAPACITY) flush();
    }

    void flush() {
        int n = count;
        if (n == 0) return;
        for (int i = 0; i < n; i++) {
            rt.releaseTask(tasks[i], actor);
            tasks[i] = null;
        }
        count = 0;
    }
}
