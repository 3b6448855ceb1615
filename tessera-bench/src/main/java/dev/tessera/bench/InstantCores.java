package dev.tessera.bench;

import dev.tessera.platform.Actor;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.PlatformSession;

/**
 * A platform session whose cores are plain fields on the scheduler's own thread: a posted token
 * reads back at once as FIN, without running the kernel. A scheduler driven against these cores
 * does all of its own work (completion polling, wiring, ready queues, claims, payloads, register
 * writes, completion and release) and nothing else: no core thread, no wake-up of a parked core,
 * no idle back-off. The session never runs threads: every scheduler actor is the harness's own.
 */
final class InstantCores implements PlatformSession {
    private final InstantCore[] cores;
    private final Actor actor;

    InstantCores(int coreCount, Actor actor) {
        this.actor = actor;
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
        return actor;
    }

    @Override
    public Actor schedulerActor(int scheduler) {
        return actor;
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
