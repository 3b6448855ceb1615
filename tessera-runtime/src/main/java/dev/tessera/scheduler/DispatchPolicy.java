package dev.tessera.scheduler;

import dev.tessera.core.TaskSlot;
import java.util.Locale;

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

    DispatchPolicy SERIAL = new SerialPolicy();
    DispatchPolicy PARALLEL = new ParallelPolicy();

    static DispatchPolicy parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "serial" -> SERIAL;
            case "parallel" -> PARALLEL;
            default ->
                throw new IllegalArgumentException("unknown dispatch policy '" + name + "': use serial or parallel");
        };
    }
}
