package dev.tessera.scheduler;

import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;

/**
 * Completes tasks on this scheduler (spec §3.6): those whose last subtask it saw finish, and, on
 * scheduler 0, dependency-only tasks, which have no subtask and complete as soon as they are ready.
 * Completion hands newly ready consumers to this scheduler's {@link ReadyRouter}; the matching
 * release is deferred ({@link DeferredReleases}).
 */
final class TaskCompleter {
    /** Dependency-only tasks completed per iteration at most, so dispatch is not starved. */
    static final int DEPENDENCY_ONLY_BATCH = 16;

    private final RuntimeState rt;
    private final Actor actor;
    private final ReadyRouter router;
    private final DeferredReleases releases;
    private final TaskSlot[][] scratch = {new TaskSlot[16]};

    TaskCompleter(RuntimeState rt, Actor actor, ReadyRouter router, DeferredReleases releases) {
        this.rt = rt;
        this.actor = actor;
        this.router = router;
        this.releases = releases;
    }

    /** The last subtask of {@code task} finished, or it had none. */
    void complete(TaskSlot task) {
        rt.completeTask(task, actor, router.toLocal, scratch);
        releases.add(task);
    }

    /** Scheduler 0: completes ready dependency-only tasks; true if it completed any. */
    boolean completeDependencyOnly() {
        boolean progress = false;
        for (int i = 0; i < DEPENDENCY_ONLY_BATCH; i++) {
            if (rt.ready.isEmpty(TaskShape.DUMMY)) return progress;
            TaskSlot t = rt.ready.poll(TaskShape.DUMMY, actor);
            if (t == null) return progress;
            complete(t);
            progress = true;
        }
        return progress;
    }
}
