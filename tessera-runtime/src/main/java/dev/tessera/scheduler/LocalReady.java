package dev.tessera.scheduler;

import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import java.util.Arrays;

/**
 * PR #827's thread-local ready buffers: consumers made ready by this scheduler's own completions
 * wait here (newest first, up to {@value #CAPACITY} per shape) so it can dispatch them without a
 * trip through the shared queue; what is left at the end of an iteration goes shared. #1245 removed
 * them (they hid work from peers); {@code shared-ready} leaves this collaborator out.
 *
 * <p>With a {@code spillAbove} limit (#989's overflow spill, used with burst publish) a shape keeps
 * at most that many, the scheduler's own core budget, so a thread that released many consumers
 * does not park six times what it can start while its peers find the shared queue empty.
 */
final class LocalReady {
    static final int CAPACITY = 64;

    private final TaskSlot[][] local = new TaskSlot[TaskShape.DISPATCHABLE][CAPACITY];
    private final int[] count = new int[TaskShape.DISPATCHABLE];
    private final int[] limit = new int[TaskShape.DISPATCHABLE];

    /** @param spillAbove per shape, the most kept here ({@link #CAPACITY} for no spill) */
    LocalReady(int[] spillAbove) {
        for (int s = 0; s < limit.length; s++) limit[s] = Math.min(CAPACITY, Math.max(1, spillAbove[s]));
    }

    /** Keeps {@code t}; false if it must go shared (dependency-only, or this shape is full). */
    boolean offer(TaskSlot t) {
        int shape = t.shape;
        if (shape == TaskShape.DUMMY || count[shape] >= limit[shape]) return false;
        local[shape][count[shape]++] = t;
        return true;
    }

    /** The newest kept task of {@code shape}, or null. */
    TaskSlot take(int shape) {
        int n = count[shape];
        if (n == 0) return null;
        TaskSlot t = local[shape][--n];
        local[shape][n] = null;
        count[shape] = n;
        return t;
    }

    boolean isEmpty(int shape) {
        return count[shape] == 0;
    }

    /** Hands every kept task to {@code sink}, oldest first, and forgets them; true if there were any. */
    boolean drainTo(java.util.function.Consumer<TaskSlot> sink) {
        boolean any = false;
        for (int s = 0; s < TaskShape.DISPATCHABLE; s++) {
            for (int i = 0; i < count[s]; i++) {
                sink.accept(local[s][i]);
                local[s][i] = null;
                any = true;
            }
            count[s] = 0;
        }
        return any;
    }

    String describe() {
        return Arrays.toString(count);
    }
}
