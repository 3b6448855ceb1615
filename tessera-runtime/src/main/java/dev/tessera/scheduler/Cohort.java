package dev.tessera.scheduler;

import dev.tessera.core.TaskSlot;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sync-start task waiting for enough idle cores to launch every block at once: its shape, how
 * many targets (clusters or AIV cores) it needs, and in RESERVE mode how many targets have been
 * set aside for it ({@code designated}) and how many of those are already idle ({@code ready}).
 */
final class Cohort {
    final TaskSlot task;
    final int shape;
    final int need;
    final int owner;
    final AtomicInteger designated = new AtomicInteger();
    final AtomicInteger ready = new AtomicInteger();
    /** Bit per scheduler that has looked at the cohort at least once. */
    final AtomicInteger visited = new AtomicInteger();

    Cohort(TaskSlot task, int owner) {
        this.task = task;
        this.shape = task.shape();
        this.need = task.blockNum();
        this.owner = owner;
    }

    /** Reserves one more target if the cohort still needs one. */
    boolean tryDesignate() {
        while (true) {
            int d = designated.get();
            if (d >= need) return false;
            if (designated.compareAndSet(d, d + 1)) return true;
        }
    }
}
