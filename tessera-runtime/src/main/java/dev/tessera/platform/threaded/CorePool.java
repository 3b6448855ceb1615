package dev.tessera.platform.threaded;

import dev.tessera.platform.CoreHost;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.IdleStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * Pooled cores: every core is a {@link PooledCore}, and a few worker threads (one per CPU by
 * default) run whichever cores have a dispatch waiting. Runtime threads with nothing to do help:
 * {@link #runOne} runs one queued core on the caller's thread, so a lone dispatch usually runs on
 * the scheduler that posted it, without waking anyone.
 *
 * <p>Waking: a worker spins, yields, then parks (the session's {@link IdleStrategy}); before it
 * parks it announces itself and re-checks the queue, and whoever queues a core re-checks the
 * announcements after the queue write (a Dekker pair through the queue's indices), so a worker never
 * sleeps past work it should take. A parked worker is woken only when two or more cores are queued:
 * one queued core is left to the helping runtime threads, and to the workers' timed parks.
 */
final class CorePool implements CoreSet {
    private final PooledCore[] cores;
    private final MpmcAtomicArrayQueue<PooledCore> queue;
    private final IdleStrategy idle;
    private final Worker[] workers;
    private volatile boolean closed;

    CorePool(CoreHost host, IdleStrategy idle, RunClock clock, long seed, int workerCount) {
        int n = host.topology().cores();
        this.idle = idle;
        this.cores = new PooledCore[n];
        for (int c = 0; c < n; c++) cores[c] = new PooledCore(c, host, clock, seed, this);
        // a core is queued at most once (see PooledCore), so room for every core means never full
        this.queue = new MpmcAtomicArrayQueue<>(Math.max(2, n));
        this.workers = new Worker[workerCount];
        for (int w = 0; w < workerCount; w++) workers[w] = new Worker();
    }

    @Override
    public void start(ThreadStarter starter) {
        List<Thread> started = new ArrayList<>();
        try {
            for (int w = 0; w < workers.length; w++) {
                Thread t = starter.create("tessera-core-pool-" + w, true, workers[w]);
                workers[w].bind(t);
                starter.start(t, started.size());
                started.add(t);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public CorePort core(int coreId) {
        return cores[coreId];
    }

    @Override
    public void forEachWatch(Consumer<KernelWatch> action) {
        for (Worker w : workers) if (w.watch != null) action.accept(w.watch);
    }

    /** A post found the core idle and moved it to QUEUED: it goes in the queue, exactly once. */
    void enqueue(PooledCore c) {
        if (!queue.offer(c)) throw new IllegalStateException("core queue full: core " + c.core + " was queued twice");
        wakeIfBacklog();
    }

    /** Helping: runs one queued core on the calling thread; false when none was queued. */
    boolean runOne(KernelWatch watch) {
        if (closed) return false;
        PooledCore c = queue.poll();
        if (c == null) return false;
        wakeIfBacklog();
        c.runQueued(watch);
        return true;
    }

    private void wakeIfBacklog() {
        if (queue.size() < 2) return;
        for (Worker w : workers) {
            if (w.parked.get() && w.parked.compareAndSet(true, false)) {
                LockSupport.unpark(w.thread);
                return;
            }
        }
    }

    /** Stops the workers; {@link Joiner} interrupts any still in a kernel and gives up on those that ignore it. */
    @Override
    public int close() {
        closed = true;
        List<Thread> threads = new ArrayList<>();
        List<KernelWatch> watches = new ArrayList<>();
        for (Worker w : workers) {
            if (w.thread == null) continue;
            LockSupport.unpark(w.thread);
            if (w.thread.isAlive() || w.thread.getState() != Thread.State.NEW) {
                threads.add(w.thread);
                watches.add(w.watch);
            }
        }
        return Joiner.stop(threads, watches);
    }

    private final class Worker implements Runnable {
        final AtomicBoolean parked = new AtomicBoolean();
        volatile Thread thread;
        volatile KernelWatch watch;

        void bind(Thread t) {
            thread = t;
            watch = new KernelWatch(t, "pool worker " + t.getName());
        }

        @Override
        public void run() {
            KernelWatch w = watch;
            int round = 0;
            while (!closed) {
                PooledCore c = queue.poll();
                if (c != null) {
                    round = 0;
                    wakeIfBacklog();
                    c.runQueued(w);
                    // an interrupt was meant for a kernel that overran (the run has failed): not for the pool
                    Thread.interrupted();
                    continue;
                }
                round++;
                if (idle.parks(round)) {
                    parked.set(true);
                    // re-check after announcing the park, so a core queued between the two is not missed
                    if (queue.isEmpty() && !closed) idle.idle(round);
                    parked.set(false);
                } else {
                    idle.idle(round);
                }
            }
        }
    }
}
