package dev.tessera.platform.threaded;

import dev.tessera.errors.ExecutionException;
import dev.tessera.errors.InvalidArgumentsException;
import dev.tessera.platform.Actor;
import dev.tessera.platform.CoreHost;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.IdleStrategy;
import dev.tessera.platform.PlatformSession;
import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One run on real threads: a thread per scheduler and for the orchestrator, and the cores of the
 * chosen {@link CoreExecutor}. The thread that calls {@link #execute} is the run's watchdog while it
 * waits: it fails the run when a kernel overruns the core timeout wherever it runs (a scheduler
 * helping with a pooled core cannot watch itself), and once the run has failed it stops waiting
 * for a thread stuck in a kernel after {@link Joiner#KERNEL_GRACE_MS}.
 */
final class ThreadedSession implements PlatformSession {
    private final CoreHost host;
    private final ThreadStarter starter;
    private final RunClock clock = new RunClock();
    private final CoreSet cores;
    private final ThreadedActor orchestrator;
    private final ThreadedActor[] schedulers;

    ThreadedSession(
            CoreHost host, IdleStrategy idle, CoreExecutor executor, long seed, ThreadStarter starter, int cpus) {
        this.host = host;
        this.starter = starter;
        Topology topology = host.topology();
        CorePool pool = null;
        if (executor.kind() == CoreExecutor.Kind.DEDICATED) {
            long threads = CoreExecutor.dedicatedThreads(topology);
            int max = CoreExecutor.maxDedicatedThreads(cpus);
            if (threads > max) {
                throw new InvalidArgumentsException(
                        "dedicated cores on " + topology + " need " + threads + " threads, more than the "
                                + max + " this " + cpus
                                + "-CPU machine allows: use pooled cores (--cores pooled, CoreExecutor.pooled()), "
                                + "which run any topology on " + cpus + " worker threads");
            }
            cores = new DedicatedCores(host, idle, clock, seed);
        } else {
            pool = new CorePool(host, idle, clock, seed, executor.workers());
            cores = pool;
        }
        orchestrator = new ThreadedActor(clock, idle, pool);
        schedulers = new ThreadedActor[topology.schedulers()];
        for (int s = 0; s < schedulers.length; s++) schedulers[s] = new ThreadedActor(clock, idle, pool);
        cores.start(starter);
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
        return cores.core(coreId);
    }

    @Override
    public void execute(Runnable orchestratorBody, Runnable[] schedulerBodies) {
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        boolean daemon = Thread.currentThread().isDaemon();
        List<Thread> threads = new ArrayList<>();
        List<ThreadedActor> actors = new ArrayList<>();
        try {
            for (int s = 0; s < schedulerBodies.length; s++) {
                Thread t = starter.create("tessera-sched-" + s, daemon, guard(schedulerBodies[s], escaped));
                schedulers[s].bind(t, "on scheduler thread " + t.getName() + ", helping");
                threads.add(t);
                actors.add(schedulers[s]);
            }
            Thread orch = starter.create("tessera-orch", daemon, guard(orchestratorBody, escaped));
            orchestrator.bind(orch, "on the orchestrator thread, helping");
            threads.add(orch);
            actors.add(orchestrator);
        } catch (ExecutionException e) {
            host.platformFailed(e);
            return;
        }
        clock.restart();
        int started = 0;
        try {
            for (Thread t : threads) {
                starter.start(t, started);
                started++;
            }
        } catch (ExecutionException e) {
            host.platformFailed(e); // the bodies started so far see it and end
        }
        watchUntilDone(threads.subList(0, started), actors.subList(0, started));
        Throwable e = escaped.get();
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error err) throw err;
    }

    /**
     * Joins the runtime threads, checking every tick for kernels that overran the core timeout.
     * After the run has failed, every kernel still running is interrupted, and a thread still in
     * a kernel after the grace is left behind (see {@link Joiner}).
     */
    private void watchUntilDone(List<Thread> threads, List<ThreadedActor> actors) {
        long tickMs = Math.max(1, Math.min(50, host.coreTimeout().toMillis() / 8));
        long failedAt = -1;
        boolean interrupted = false;
        for (int i = 0; i < threads.size(); i++) {
            Thread t = threads.get(i);
            KernelWatch w = actors.get(i).watch();
            while (t.isAlive()) {
                try {
                    t.join(tickMs);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                checkKernels();
                if (!host.failed()) continue;
                long now = System.nanoTime();
                if (failedAt < 0) {
                    failedAt = now;
                    interruptKernels();
                }
                if (w.inKernel() && now - failedAt > Joiner.KERNEL_GRACE_MS * 1_000_000) break;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void checkKernels() {
        long now = clock.now();
        long limit = host.coreTimeout().toNanos();
        forEachWatch(w -> {
            if (w.overranOnce(now, limit)) {
                host.coreTimedOut(w.core(), w.payload(), now - w.sinceNs(), w.role);
                w.thread.interrupt();
            }
        });
    }

    private void interruptKernels() {
        forEachWatch(w -> {
            if (w.inKernel()) w.thread.interrupt();
        });
    }

    private void forEachWatch(Consumer<KernelWatch> action) {
        cores.forEachWatch(action);
        for (ThreadedActor a : schedulers) if (a.watch() != null) action.accept(a.watch());
        if (orchestrator.watch() != null) action.accept(orchestrator.watch());
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

    /** Stops the cores (see {@link CoreSet#close}). */
    @Override
    public void close() {
        cores.close();
    }
}
