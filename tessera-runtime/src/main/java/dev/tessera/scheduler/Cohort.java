package dev.tessera.scheduler;

import dev.tessera.core.TaskSlot;
import dev.tessera.platform.CorePort;
import dev.tessera.topology.Lane;
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
    private final int schedulers;
    final AtomicInteger designated = new AtomicInteger();
    final AtomicInteger ready = new AtomicInteger();
    /** Schedulers that have looked at the cohort at least once. */
    final AtomicInteger visitors = new AtomicInteger();
    /**
     * split-launch: blocks prepared so far, over all schedulers. Whoever's preparation brings it to
     * {@link #need} publishes the {@link #keep kept} tokens; its increment orders every other
     * scheduler's kept entries before that read.
     */
    final AtomicInteger prepared = new AtomicInteger();

    /** split-launch: the prepared tokens and their ports, each entry written once by the scheduler that reserved it. */
    final CorePort[] keptPorts;

    final int[] keptTokens;
    private final AtomicInteger kept = new AtomicInteger();
    /** split-launch: set once every token is published; each scheduler then releases its set-aside targets. */
    volatile boolean launched;

    /** Entry {@code s} is written and read by scheduler {@code s} only: one writer per element. */
    private final boolean[] visitedBy;

    Cohort(TaskSlot task, int owner, int schedulers) {
        this.task = task;
        this.shape = task.shape();
        this.need = task.blockNum();
        this.owner = owner;
        this.schedulers = schedulers;
        this.visitedBy = new boolean[schedulers];
        // at most one token per kernel lane of every block
        this.keptPorts = new CorePort[Lane.values().length * need];
        this.keptTokens = new int[keptPorts.length];
    }

    /** split-launch: keeps one prepared token for the cohort's publication. */
    void keep(CorePort port, int token) {
        int i = kept.getAndIncrement();
        keptPorts[i] = port;
        keptTokens[i] = token;
    }

    int keptCount() {
        return kept.get();
    }

    /** Scheduler {@code id} has looked at the cohort; true once every scheduler has. */
    boolean visit(int id) {
        // A count, not a bit mask: any number of schedulers (CxS has no limit).
        if (!visitedBy[id]) {
            visitedBy[id] = true;
            return visitors.incrementAndGet() == schedulers;
        }
        return visitors.get() == schedulers;
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
