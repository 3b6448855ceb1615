package dev.tessera.platform.threaded;

import dev.tessera.platform.Actor;
import dev.tessera.platform.CoreHost;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.IdleStrategy;
import dev.tessera.platform.PlatformSession;
import dev.tessera.platform.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** One run on real threads: a thread per core, per scheduler and for the orchestrator. */
final class ThreadedSession implements PlatformSession {
    private static final long JOIN_TIMEOUT_MS = 5_000;

    private final RunClock clock = new RunClock();
    private final CoreWorker[] cores;
    private final Thread[] coreThreads;
    private final ThreadedActor orchestrator;
    private final ThreadedActor[] schedulers;

    ThreadedSession(CoreHost host, IdleStrategy idle, long seed) {
        RunClock clock = this.clock;
        int n = host.topology().cores();
        cores = new CoreWorker[n];
        coreThreads = new Thread[n];
        for (int c = 0; c < n; c++) {
            cores[c] = new CoreWorker(c, host, idle, clock, seed);
            coreThreads[c] = Thread.ofPlatform().daemon().name("tessera-core-" + host.topology().coreLabel(c)).unstarted(cores[c]);
            cores[c].bind(coreThreads[c]);
        }
        orchestrator = new ThreadedActor(clock, idle);
        schedulers = new ThreadedActor[host.topology().schedulers()];
        for (int s = 0; s < schedulers.length; s++) schedulers[s] = new ThreadedActor(clock, idle);
        for (Thread t : coreThreads) t.start();
    }

    @Override
    public Actor orchestratorActor() {
        return orchestrator;
    }

    @Override
    public Actor schedulerActor(int scheduler) {
        return schedulers[scheduler];
    }

    @Override
    public CorePort core(int coreId) {
        return cores[coreId];
    }

    @Override
    public void execute(Runnable orchestratorBody, Runnable[] schedulerBodies) {
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < schedulerBodies.length; s++) {
            Thread t = Thread.ofPlatform().name("tessera-sched-" + s).unstarted(guard(schedulerBodies[s], escaped));
            schedulers[s].bind(t);
            threads.add(t);
        }
        Thread orch = Thread.ofPlatform().name("tessera-orch").unstarted(guard(orchestratorBody, escaped));
        orchestrator.bind(orch);
        threads.add(orch);
        clock.restart();
        for (Thread t : threads) t.start();
        Threads.joinAll(threads);
        Throwable e = escaped.get();
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error err) throw err;
    }

    private static Runnable guard(Runnable body, AtomicReference<Throwable> escaped) {
        return () -> {
            try {
                body.run();
            } catch (Throwable t) {
                escaped.compareAndSet(null, t);
            }
        };
    }

    /** Tells every core to exit and joins them; a core stuck in a kernel is interrupted. */
    @Override
    public void close() {
        for (CoreWorker c : cores) c.exit();
        long deadline = System.currentTimeMillis() + JOIN_TIMEOUT_MS;
        for (Thread t : coreThreads) {
            try {
                long left = deadline - System.currentTimeMillis();
                if (left > 0) t.join(left);
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
