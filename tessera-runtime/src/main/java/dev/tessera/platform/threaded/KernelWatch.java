package dev.tessera.platform.threaded;

import dev.tessera.platform.DispatchPayload;

/**
 * What one thread that runs kernels (a core thread, a pool worker, or a scheduler or the
 * orchestrator while it helps) is running now, so the session's watchdog can time kernels no
 * scheduler is watching and interrupt a thread stuck in one. Written only by its thread, read by
 * the watchdog; release stores suffice, the watchdog only needs to see them eventually.
 */
final class KernelWatch {
    static final int NONE = -1;

    final Thread thread;
    /** A name for error messages: "pool worker tessera-core-pool-0", "scheduler thread tessera-sched-1". */
    final String role;

    private volatile int core = NONE;
    private volatile DispatchPayload payload;
    private volatile long sinceNs;
    /** Set once by the watchdog: this kernel was reported as overrunning and its thread interrupted. */
    private volatile boolean reported;

    KernelWatch(Thread thread, String role) {
        this.thread = thread;
        this.role = role;
    }

    void begin(int coreId, DispatchPayload p, long nowNs) {
        payload = p;
        sinceNs = nowNs;
        reported = false;
        core = coreId;
    }

    void end() {
        core = NONE;
    }

    /** The core whose kernel this thread runs, or {@link #NONE}. */
    int core() {
        return core;
    }

    DispatchPayload payload() {
        return payload;
    }

    long sinceNs() {
        return sinceNs;
    }

    boolean inKernel() {
        return core != NONE;
    }

    /**
     * True once per kernel, when it has run longer than {@code limitNs} at {@code nowNs}: the
     * caller reports it and interrupts {@link #thread}.
     */
    boolean overranOnce(long nowNs, long limitNs) {
        if (core == NONE || reported || nowNs - sinceNs <= limitNs) return false;
        reported = true;
        return true;
    }
}
