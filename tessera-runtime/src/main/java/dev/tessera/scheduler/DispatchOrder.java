package dev.tessera.scheduler;

import dev.tessera.core.TaskShape;
import dev.tessera.dispatch.DispatchOptions;
import dev.tessera.dispatch.Mechanism;

/**
 * In which order one dispatch phase serves shapes and slots: each step is one
 * {@link Passes#pass pass} over the ready tasks of one shape, onto idle cores or into pending
 * registers. AIC and AIV take turns going first on alternate schedulers (spec §4.5).
 */
interface DispatchOrder {
    /** What an order drives: one scheduler's dispatch passes ({@link Dispatcher}). */
    interface Passes {
        /** One pass over the ready tasks of {@code shape}; true if it dispatched anything. */
        boolean pass(int shape, boolean pendingPass);

        /** Whether regular ready work of {@code shape} is waiting. */
        boolean hasReady(int shape);
    }

    /** Runs the passes; true if any dispatched a task or began a drain. */
    boolean run(Passes d);

    /** {@code mix-priority} on: #855's order; off: #827's. */
    static DispatchOrder of(DispatchOptions options, int scheduler, PeerIdleHints hints) {
        return options.has(Mechanism.MIX_PRIORITY) ? new MixPriorityOrder(scheduler, hints) : new PlainOrder(scheduler);
    }

    /** The shape that goes first of AIC and AIV on {@code scheduler}. */
    static int firstSingle(int scheduler) {
        return (scheduler & 1) == 0 ? TaskShape.AIC : TaskShape.AIV;
    }

    static int secondSingle(int scheduler) {
        return firstSingle(scheduler) == TaskShape.AIC ? TaskShape.AIV : TaskShape.AIC;
    }
}
