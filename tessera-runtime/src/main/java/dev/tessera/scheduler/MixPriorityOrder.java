package dev.tessera.scheduler;

import dev.tessera.core.TaskShape;

/**
 * #855's order, "MIX strict priority" with the pending-slot rule (workloads.md §B.3 step 3):
 * <ol>
 *   <li>MIX onto idle clusters; if MIX work is still waiting, AIC and AIV dispatch nothing this pass
 *       (so they cannot take the cores a waiting MIX block needs);</li>
 *   <li>otherwise AIC and AIV onto idle cores;</li>
 *   <li>MIX into pending registers, unless a peer scheduler has an idle cluster;</li>
 *   <li>AIC and AIV into pending registers only when MIX is drained and no peer has an idle core of
 *       that shape: a pending slot is only a prefetch, strictly worse than an idle core now.</li>
 * </ol>
 * The peer check is {@link PeerIdleHints}, a hint as in the reference.
 */
final class MixPriorityOrder implements DispatchOrder {
    private final int scheduler;
    private final PeerIdleHints hints;
    private final int first;
    private final int second;

    MixPriorityOrder(int scheduler, PeerIdleHints hints) {
        this.scheduler = scheduler;
        this.hints = hints;
        this.first = DispatchOrder.firstSingle(scheduler);
        this.second = DispatchOrder.secondSingle(scheduler);
    }

    @Override
    public boolean run(Passes d) {
        boolean progress = d.pass(TaskShape.MIX, false);
        boolean mixWaits = d.hasReady(TaskShape.MIX);
        if (!mixWaits) {
            progress |= d.pass(first, false);
            progress |= d.pass(second, false);
        }
        if (!hints.peerHasIdle(scheduler, TaskShape.MIX)) progress |= d.pass(TaskShape.MIX, true);
        if (!mixWaits && !d.hasReady(TaskShape.MIX)) {
            if (!hints.peerHasIdle(scheduler, first)) progress |= d.pass(first, true);
            if (!hints.peerHasIdle(scheduler, second)) progress |= d.pass(second, true);
        }
        return progress;
    }
}
