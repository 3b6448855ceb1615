package dev.tessera.orchestration;

import dev.tessera.api.Scope;
import dev.tessera.api.ScopeMode;
import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskSlot;
import dev.tessera.errors.InvalidArgumentsException;
import java.util.Arrays;

/**
 * The open scopes, innermost last, each with the tasks submitted in it (spec §2.5). A scope holds
 * one reference on each of its tasks until it ends, which keeps their outputs alive.
 */
final class ScopeStack {
    private final ScopeMode[] modes = new ScopeMode[Scope.MAX_DEPTH + 1];
    private final int[] starts = new int[Scope.MAX_DEPTH + 1];
    /** Tasks held by open scopes, per ring: a ring must keep room for them or it deadlocks. */
    private final int[] heldPerRing = new int[RuntimeState.RINGS];

    private final long[] heldBytesPerRing = new long[RuntimeState.RINGS];
    private TaskSlot[] tasks = new TaskSlot[1024];
    private long[] bytes = new long[1024];
    private int taskCount;
    private int depth = -1;

    /** Depth of the innermost scope; the run's outer scope is depth 0. */
    int depth() {
        return depth;
    }

    ScopeMode mode() {
        return modes[depth];
    }

    /** Ring used by tasks of the current scope (spec §2.5: min(depth, 3)). */
    int ring() {
        return Math.min(depth, RuntimeState.RINGS - 1);
    }

    void push(ScopeMode mode) {
        if (depth + 1 > Scope.MAX_DEPTH) {
            throw new InvalidArgumentsException("scope nesting exceeds " + Scope.MAX_DEPTH + " levels");
        }
        if (depth >= 0 && modes[depth] == ScopeMode.MANUAL && mode == ScopeMode.AUTO) {
            throw new InvalidArgumentsException(
                    "an AUTO scope cannot be opened inside a MANUAL scope (depth " + depth + ")");
        }
        depth++;
        modes[depth] = mode;
        starts[depth] = taskCount;
    }

    void add(TaskSlot t, long heapBytes) {
        if (taskCount == tasks.length) {
            tasks = Arrays.copyOf(tasks, taskCount * 2);
            bytes = Arrays.copyOf(bytes, taskCount * 2);
        }
        tasks[taskCount] = t;
        bytes[taskCount++] = heapBytes;
        heldPerRing[t.ring]++;
        heldBytesPerRing[t.ring] += heapBytes;
    }

    int heldIn(int ring) {
        return heldPerRing[ring];
    }

    /**
     * Null while ring {@code ring} has room for one more task of open scopes; otherwise why not,
     * and what to do. A ring holds at most {@code window − 1} tasks of open scopes (a submit
     * waiting for a slot would wait for ever: the slots belong to the scopes it is inside). The
     * scope may go on submitting, and how far is unknown here, so the hint states the rule and the
     * least window that fits so far (the next power of two alone failed again for a larger scope).
     */
    String fullRing(int ring, int window) {
        int held = heldPerRing[ring];
        if (held < window - 1) return null;
        long least = Long.highestOneBit(held + 1L) << 1; // the least power of two above held + 1
        String how = ring == 0
                ? " Top-level tasks stay in the outer scope until the orchestration returns, so a flat orchestration"
                        + " submits at most taskWindow − 1 tasks: submit in batches inside scopes (orch.scope()) that close as you go,"
                        + " or raise taskWindow."
                : " Or close scopes sooner: a scope releases its tasks when it ends.";
        return "open scopes already hold " + held + " tasks in ring " + ring + ", whose window is " + window
                + " slots; a ring"
                + " holds at most window − 1 tasks of open scopes, so taskWindow(W) fits scopes of up to W − 1 tasks. Use taskWindow ≥ "
                + least + " if the scope submits at most " + (least - 1)
                + " tasks in all, otherwise the next power of two above"
                + " its task count." + how;
    }

    long heldBytesIn(int ring) {
        return heldBytesPerRing[ring];
    }

    /** Pops the innermost scope; {@code release} is applied to each of its tasks, oldest first. */
    void pop(java.util.function.Consumer<TaskSlot> release) {
        int from = starts[depth];
        for (int i = from; i < taskCount; i++) {
            TaskSlot t = tasks[i];
            tasks[i] = null;
            heldPerRing[t.ring]--;
            heldBytesPerRing[t.ring] -= bytes[i];
            release.accept(t);
        }
        taskCount = from;
        modes[depth] = null;
        depth--;
    }
}
