package dev.tessera.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * The end-to-end graphs of {@link EndToEnd} written the idiomatic way on a {@link ForkJoinPool}
 * (one {@code ForkJoinTask} per task, forked from inside the pool) and on {@link CompletableFuture}
 * chains (one stage per task, run on the same pool). The pool has one worker per CPU. Every method
 * returns the wall time in ns from the first submission to the completion of the last task.
 */
public final class Baselines implements AutoCloseable {
    private final ForkJoinPool pool;

    public Baselines(int parallelism) {
        this.pool = new ForkJoinPool(parallelism);
    }

    public int parallelism() {
        return pool.getParallelism();
    }

    /** A task whose body is {@link Spin#work} of {@code iters} iterations (0: empty). */
    static final class Leaf extends RecursiveAction {
        private final long iters;

        Leaf(long iters) {
            this.iters = iters;
        }

        @Override
        protected void compute() {
            Spin.work(iters);
        }
    }

    // ---- independent tasks -------------------------------------------------------------------

    /** {@code n} independent tasks: a root task forks them all, then joins them all. */
    public long forkJoinIndependent(int n, long iters) {
        long t0 = System.nanoTime();
        pool.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                Leaf[] leaves = new Leaf[n];
                for (int i = 0; i < n; i++) {
                    leaves[i] = new Leaf(iters);
                    leaves[i].fork();
                }
                for (int i = n - 1; i >= 0; i--) leaves[i].join();
            }
        });
        return System.nanoTime() - t0;
    }

    /** {@code n} independent {@code runAsync} stages submitted from outside the pool, then {@code allOf}. */
    public long completableFutureIndependent(int n, long iters) {
        Runnable body = () -> Spin.work(iters);
        long t0 = System.nanoTime();
        CompletableFuture<?>[] fs = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) fs[i] = CompletableFuture.runAsync(body, pool);
        CompletableFuture.allOf(fs).join();
        return System.nanoTime() - t0;
    }

    // ---- chains ----------------------------------------------------------------------------

    /** A chain of {@code n} tasks: each forks its successor when it is done. */
    public long forkJoinChain(int n) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        final class Link extends RecursiveAction {
            private final int i;

            Link(int i) {
                this.i = i;
            }

            @Override
            protected void compute() {
                Spin.work(0);
                if (i + 1 < n) new Link(i + 1).fork();
                else done.complete(null);
            }
        }
        long t0 = System.nanoTime();
        pool.execute(new Link(0));
        done.join();
        return System.nanoTime() - t0;
    }

    /** A chain of {@code n} {@code thenRunAsync} stages. */
    public long completableFutureChain(int n) {
        Runnable body = () -> Spin.work(0);
        long t0 = System.nanoTime();
        CompletableFuture<Void> f = CompletableFuture.runAsync(body, pool);
        for (int i = 1; i < n; i++) f = f.thenRunAsync(body, pool);
        f.join();
        return System.nanoTime() - t0;
    }

    // ---- fan-out / fan-in -----------------------------------------------------------------------

    /** {@code rounds} × (one source, {@code width} parallel tasks, one sink), round after round. */
    public long forkJoinFan(int rounds, int width) {
        long t0 = System.nanoTime();
        pool.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                Leaf[] mid = new Leaf[width];
                for (int r = 0; r < rounds; r++) {
                    new Leaf(0).fork().join();
                    for (int i = 0; i < width; i++) mid[i] = new Leaf(0);
                    ForkJoinTask.invokeAll(mid);
                    new Leaf(0).fork().join();
                }
            }
        });
        return System.nanoTime() - t0;
    }

    /** The same graph as stages: source → {@code width} stages → {@code allOf} → sink → next source. */
    public long completableFutureFan(int rounds, int width) {
        Runnable body = () -> Spin.work(0);
        long t0 = System.nanoTime();
        CompletableFuture<Void> prev = CompletableFuture.completedFuture(null);
        CompletableFuture<?>[] mid = new CompletableFuture<?>[width];
        for (int r = 0; r < rounds; r++) {
            CompletableFuture<Void> src = prev.thenRunAsync(body, pool);
            for (int i = 0; i < width; i++) mid[i] = src.thenRunAsync(body, pool);
            prev = CompletableFuture.allOf(mid).thenRunAsync(body, pool);
        }
        prev.join();
        return System.nanoTime() - t0;
    }

    // ---- one SPMD launch ---------------------------------------------------------------------

    /**
     * {@code blocks} tasks forked by one root task and joined; each records its start and end
     * ({@link System#nanoTime}) in {@code starts[b]} / {@code ends[b]}. Returns the submission time.
     */
    public long forkJoinSpmd(int blocks, long[] starts, long[] ends) {
        final class Block extends RecursiveAction {
            private final int b;

            Block(int b) {
                this.b = b;
            }

            @Override
            protected void compute() {
                starts[b] = System.nanoTime();
                ends[b] = System.nanoTime();
            }
        }
        long t0 = System.nanoTime();
        pool.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                Block[] bs = new Block[blocks];
                for (int b = 0; b < blocks; b++) {
                    bs[b] = new Block(b);
                    bs[b].fork();
                }
                for (int b = blocks - 1; b >= 0; b--) bs[b].join();
            }
        });
        return t0;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
