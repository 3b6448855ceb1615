package dev.tessera.scheduler;

import dev.tessera.core.EarlyState;
import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;

/**
 * Where a task that became ready goes, and where this scheduler takes ready tasks from (spec §4.6).
 * The policy picks the collaborators: {@link LocalReady} keeps tasks made ready by this
 * scheduler's own completions for it (PR #827; left out with {@code shared-ready}, #1245, when
 * everything goes to the shared queues at once), and {@link SyncStartLanes} holds sync-start tasks
 * apart from regular ones ({@code sync-start-lanes}, #1319). Owned by one scheduler thread; only the
 * shared queues and lanes are shared.
 */
final class ReadyRouter {
    private final RuntimeState rt;
    private final Actor actor;
    /** Null with {@code shared-ready}. */
    private final LocalReady local;
    /** Null without {@code sync-start-lanes}. */
    private final SyncStartLanes lanes;
    /** Null without {@code early-dispatch}. */
    private final EarlyDispatch early;

    private final EarlyState.Doorbells doorbells;
    /** For {@code RuntimeState.completeTask}: consumers this scheduler's completions made ready. */
    final RuntimeState.ReadySink toLocal = this::readyLocal;

    ReadyRouter(RuntimeState rt, Actor actor, LocalReady local, SyncStartLanes lanes, EarlyDispatch early) {
        this.rt = rt;
        this.actor = actor;
        this.local = local;
        this.lanes = lanes;
        this.early = early;
        this.doorbells = early == null ? null : new EarlyState.Doorbells();
    }

    /**
     * A task became ready here: keep it for this scheduler if there is a local buffer with room.
     * With early dispatch, its staged blocks' doorbells ring first, and a task with no block left
     * to claim goes nowhere (its every block is staged).
     */
    void readyLocal(TaskSlot t) {
        t.readyNs = actor.now();
        if (early != null && !early.release(t, actor, doorbells)) return;
        if (local != null && (lanes == null || !t.syncStart) && local.offer(t)) return;
        share(t);
        rt.wakeSchedulers();
    }

    /** A task became ready for whichever scheduler gets to it first. */
    void readyGlobal(TaskSlot t) {
        t.readyNs = actor.now();
        share(t);
    }

    private void share(TaskSlot t) {
        if (lanes != null && t.syncStart) lanes.push(t, actor);
        else rt.ready.push(t, actor);
    }

    /** The next ready task of {@code shape}, local ones first (newest first), or null. */
    TaskSlot next(int shape) {
        if (local != null) {
            TaskSlot t = local.take(shape);
            if (t != null) return t;
        }
        if (rt.ready.isEmpty(shape)) return null;
        return rt.ready.poll(shape, actor);
    }

    /** Whether a ready task of {@code shape} is waiting here or in the shared queue (lanes aside). */
    boolean hasReady(int shape) {
        return (local != null && !local.isEmpty(shape)) || !rt.ready.isEmpty(shape);
    }

    boolean hasLanes() {
        return lanes != null;
    }

    /** The next sync-start task of {@code shape} from its lane, or null (always null without lanes). */
    TaskSlot nextSyncStart(int shape) {
        return lanes == null ? null : lanes.poll(shape, actor);
    }

    /** Puts back a task that still has blocks to claim, for any scheduler. */
    void requeue(TaskSlot task) {
        share(task);
        rt.wakeSchedulers();
    }

    /** Puts back tasks held back during a dispatch pass, without waking anyone (this scheduler will see them). */
    void putBack(TaskSlot task) {
        share(task);
    }

    /** End of an iteration: leftover local tasks go shared and the other schedulers are woken. */
    void flushLocal() {
        if (local != null && local.drainTo(t -> rt.ready.push(t, actor))) rt.wakeSchedulers();
    }

    /** For stall reports. */
    String describeLocal() {
        StringBuilder sb = new StringBuilder(local == null ? "none (shared-ready)" : local.describe());
        if (lanes != null) {
            sb.append(" lanes");
            for (int s = 0; s < TaskShape.DISPATCHABLE; s++) sb.append(' ').append(lanes.size(s));
        }
        return sb.toString();
    }
}
