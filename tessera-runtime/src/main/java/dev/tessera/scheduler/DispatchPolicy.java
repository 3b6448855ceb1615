package dev.tessera.scheduler;

import dev.tessera.core.TaskSlot;
import dev.tessera.dispatch.DispatchOptions;
import dev.tessera.dispatch.Mechanism;
import dev.tessera.dispatch.Policies;

/**
 * How a scheduler that popped an SPMD task turns idle cores into dispatched blocks.
 *
 * <p>{@link #SERIAL} is the behaviour before PR #827: the popping scheduler places blocks on all
 * its cores, one by one, and only then puts the remainder back on the ready queue, so the other
 * schedulers wait. {@link #PARALLEL} is #827: claim a contiguous block range, put the remainder
 * back at once, then do the per-block work with explicit block indices, so every scheduler starts
 * blocks of the same task together.
 */
public interface DispatchPolicy {
    String name();

    /**
     * Dispatches blocks of {@code task}, which this thread has popped and therefore holds, onto the
     * first cores of {@code cores}. Must either re-queue the task (if blocks remain) or drop it.
     */
    void dispatch(DispatchTarget target, TaskSlot task, CoreList cores);

    /**
     * Every mechanism this policy switches on ({@link Mechanism}); the scheduler builds its
     * collaborators from these. The block claim itself is {@link #dispatch}. A policy of one's own
     * gets #827's collaborators (none of the later mechanisms) unless it says otherwise.
     */
    default DispatchOptions options() {
        return DispatchOptions.of(name(), java.util.Set.of());
    }

    // Safe from the initialization deadlock Error Prone warns of: both classes are package-private and
    // final, and only this interface creates them, so its own initialization always starts first.
    @SuppressWarnings("ClassInitializationDeadlock")
    DispatchPolicy SERIAL = new SerialPolicy(Policies.SERIAL.options());

    @SuppressWarnings("ClassInitializationDeadlock")
    DispatchPolicy PARALLEL = new ParallelPolicy(Policies.PARALLEL.options());

    /** The policy for {@code options}: its block claim by {@link Mechanism#PARALLEL_CLAIM}, named after the options. */
    static DispatchPolicy of(DispatchOptions options) {
        if (!options.has(Mechanism.PARALLEL_CLAIM)) return new SerialPolicy(options);
        return options.has(Mechanism.PEER_HANDOFF) ? new PeerHandoffPolicy(options) : new ParallelPolicy(options);
    }

    /** A named policy ({@code serial}, {@code parallel}, {@code head}, ...; see {@link Policies}). */
    static DispatchPolicy parse(String name) {
        return of(Policies.parse(name));
    }
}
