package dev.tessera.platform.threaded;

import dev.tessera.platform.CoreHost;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A core that is not a thread: its registers plus a state word, run by whichever pool worker or
 * helping runtime thread takes it from the pool's queue.
 *
 * <p>States: {@code IDLE} (nobody will look at the dispatch register), {@code QUEUED} (in the
 * pool's queue, or taken and about to run), {@code RUNNING} (a thread is running its tokens). Only
 * a post moves IDLE → QUEUED, by CAS, and only that post enqueues the core, so a core is in the
 * queue at most once and a queue with room for every core never fills.
 *
 * <p>No post is lost. A post writes the dispatch register, then reads the state; the runner, when
 * it has run every token it saw, writes IDLE, then reads the dispatch register again. Both pairs are
 * volatile accesses, so (Dekker) at least one side sees the other's write: either the post sees
 * IDLE and queues the core, or the runner sees the new token and takes the core back by CAS
 * IDLE → RUNNING. If both see each other, the CAS decides: one of them wins, the other does
 * nothing, and the token runs exactly once. A post that sees QUEUED or RUNNING does nothing: the
 * runner has not yet written IDLE, so its re-read comes after the post's write and sees the token.
 *
 * <p>The runner's {@code last} token is handed from runner to runner through the queue and the
 * state CAS, both of which order it.
 */
final class PooledCore extends CoreRegisters {
    static final int IDLE = 0;
    static final int QUEUED = 1;
    static final int RUNNING = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PooledCore.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CorePool pool;

    @SuppressWarnings("unused")
    private volatile int state = IDLE;
    /** The last token run; owned by whoever holds the core in QUEUED or RUNNING. */
    private int last;

    PooledCore(int core, CoreHost host, RunClock clock, long seed, CorePool pool) {
        super(core, host, clock, seed);
        this.pool = pool;
    }

    @Override
    public void post(int token) {
        writeDispatch(token);
        if ((int) STATE.getVolatile(this) == IDLE && STATE.compareAndSet(this, IDLE, QUEUED)) pool.enqueue(this);
    }

    int state() {
        return (int) STATE.getVolatile(this);
    }

    /**
     * Runs this core, just taken from the queue, token by token until no new token is posted, then
     * leaves it IDLE (or to the post that re-queued it).
     */
    void runQueued(KernelWatch watch) {
        STATE.setOpaque(this, RUNNING);
        while (true) {
            int token = readDispatch();
            if (token != last) {
                execute(token, watch);
                last = token;
                continue;
            }
            STATE.setVolatile(this, IDLE);
            if (readDispatch() == last) return;
            // a post raced with going idle: take the core back, unless that post already queued it
            if (!STATE.compareAndSet(this, IDLE, RUNNING)) return;
        }
    }
}
