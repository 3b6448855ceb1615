package dev.tessera.scheduler;

import dev.tessera.core.TaskShape;

/** PR #827's order: MIX, then AIC and AIV, each onto idle cores and then into pending registers. */
final class PlainOrder implements DispatchOrder {
    private final int first;
    private final int second;

    PlainOrder(int scheduler) {
        this.first = DispatchOrder.firstSingle(scheduler);
        this.second = DispatchOrder.secondSingle(scheduler);
    }

    @Override
    public boolean run(Passes d) {
        boolean progress = d.pass(TaskShape.MIX, false);
        progress |= d.pass(TaskShape.MIX, true);
        progress |= d.pass(first, false);
        progress |= d.pass(first, true);
        progress |= d.pass(second, false);
        progress |= d.pass(second, true);
        return progress;
    }
}
