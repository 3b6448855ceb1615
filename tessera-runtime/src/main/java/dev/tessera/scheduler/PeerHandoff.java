package dev.tessera.scheduler;

import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import java.util.ArrayDeque;

/**
 * One scheduler's side of {@code peer-handoff} ({@link PeerHandoffPolicy}): it tells the policy
 * how many blocks each peer could start, sends ranges to peers' mailboxes, and places the ranges
 * peers sent it. A range it cannot place at once (its cores got busy since it published its idle
 * count) waits in a carry list, first in line next iteration: the blocks are already claimed, so
 * they must run here. Owned by one scheduler thread.
 */
final class PeerHandoff {
    private final int self;
    private final RuntimeState rt;
    private final Actor actor;
    private final Handoffs boxes;
    private final PeerIdleHints hints;
    private final ArrayDeque<Handoffs.Range> carry = new ArrayDeque<>();

    PeerHandoff(int self, RuntimeState rt, Actor actor, Handoffs boxes, PeerIdleHints hints) {
        this.self = self;
        this.rt = rt;
        this.actor = actor;
        this.boxes = boxes;
        this.hints = hints;
    }

    int capacity(int peer, int shape) {
        return peer == self ? 0 : hints.idleOf(peer, shape);
    }

    void send(int peer, TaskSlot task, int first, int count) {
        boxes.send(peer, new Handoffs.Range(task, first, count), actor);
        rt.wakeSchedulers();
    }

    /**
     * Places what peers sent, onto idle cores first, then pending slots; true if anything was placed.
     * {@code dispatch} puts one block on the next of {@code candidates}.
     */
    boolean receive(CoreTracker tracker, CoreList candidates, Dispatcher dispatch) {
        boolean progress = false;
        Handoffs.Range r;
        while ((r = boxes.receive(self, actor)) != null) carry.add(r);
        int n = carry.size();
        for (int i = 0; i < n; i++) {
            Handoffs.Range range = carry.poll();
            int placed = 0;
            for (int pending = 0; pending < 2 && placed < range.count(); pending++) {
                tracker.candidates(range.task().shape, pending == 1, candidates);
                while (candidates.remaining() > 0 && placed < range.count()) {
                    dispatch.dispatchBlock(candidates, range.task(), range.first() + placed);
                    placed++;
                }
            }
            if (placed > 0) progress = true;
            if (placed < range.count())
                carry.add(new Handoffs.Range(range.task(), range.first() + placed, range.count() - placed));
        }
        return progress;
    }

    String describe() {
        return "handoffs " + boxes.size(self) + " carried " + carry.size();
    }
}
