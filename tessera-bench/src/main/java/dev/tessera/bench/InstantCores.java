package dev.tessera.bench;

import dev.tessera.platform.Actor;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.PlatformSession;

/**
 * A platform session whose cores are plain fields on the scheduler's own thread: a posted token
 * reads back at once as FIN, without running the kernel. A scheduler driven against these cores
 * does all of its own work (completion polling, wiring, ready queues, claims, payloads, register
 * writes, completion and release) and nothing else: no core thread, no wake-up of a parked core,
 * no idle back-off. Only {@link #core} is used; the session never runs threads.
 */
final class InstantCores implements PlatformSession {
    private final InstantCore[] cores;

    InstantCores(int coreCount) {
        cores = new InstantCore[coreCount];
        for (int c = 0; c < coreCount; c++) cores[c] = new InstantCore();
    }

    /** Dispatches received by all cores so far. */
    long posts() {
        long n = 0;
        for (InstantCore c : cores) n += c.posts;
        return n;
    }

    @Override
    public CorePort core(int coreId) {
        return cores[coreId];
    }

    @Override
    public Actor orchestratorActor() {
        throw new UnsupportedOperationException("in-thread harness: actors are supplied by the harness");
    }

    @Override
    public Actor schedulerActor(int scheduler) {
        throw new UnsupportedOperationException("in-thread harness: actors are supplied by the harness");
    }

    @Override
    public void execute(Runnable orchestrator, Runnable[] schedulers) {
        throw new UnsupportedOperationException("in-thread harness: the caller runs the scheduler");
    }

    @Override
    public void close() {
        // no threads
    }

    /** A core that has finished whatever it was last given. */
    static final class InstantCore implements CorePort {
        private int status = IDLE_STATUS;
        long posts;

        @Override
        public void post(int token) {
            status = FIN_BIT | token;
            posts++;
        }

        @Override
        public int status() {
            return status;
        }
    }
}
