package dev.tessera.platform.threaded;

import dev.tessera.platform.CoreHost;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.platform.IdleStrategy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One core as a thread (spec §4.3, AICore loop): waits for a new token in its dispatch register,
 * ACKs it, runs the kernel from the payload buffer the token selects, then reports FIN.
 */
final class CoreWorker implements CorePort, Runnable {
    static final int EXIT = 0x7FFF_FFF0;
    private static final VarHandle DISPATCH;
    private static final VarHandle STATUS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            DISPATCH = l.findVarHandle(CoreWorker.class, "dispatch", int.class);
            STATUS = l.findVarHandle(CoreWorker.class, "status", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int core;
    private final CoreHost host;
    private final IdleStrategy idle;
    private final RunClock clock;
    @SuppressWarnings("unused") private volatile int dispatch;
    @SuppressWarnings("unused") private volatile int status = IDLE_STATUS;
    private volatile boolean parked;
    private volatile Thread thread;
    /** Non-null when the run's seed asks for perturbed timing (stress tests): see {@link #jitter()}. */
    private final java.util.SplittableRandom chaos;

    CoreWorker(int core, CoreHost host, IdleStrategy idle, RunClock clock, long seed) {
        this.core = core;
        this.chaos = seed == 0 ? null : new java.util.SplittableRandom(seed * 1_000_003L + core);
        this.host = host;
        this.idle = idle;
        this.clock = clock;
    }

    void bind(Thread t) {
        thread = t;
    }

    @Override
    public void post(int token) {
        DISPATCH.setVolatile(this, token);
        if (parked) LockSupport.unpark(thread);
    }

    @Override
    public int status() {
        return (int) STATUS.getVolatile(this);
    }

    void exit() {
        post(EXIT);
    }

    /**
     * With a non-zero seed, a core sometimes yields before reporting ACK or FIN, so repeated runs
     * explore different orders of completions across schedulers.
     */
    private void jitter() {
        if (chaos == null) return;
        int r = chaos.nextInt(8);
        if (r == 0) Thread.yield();
        else if (r == 1) for (int i = chaos.nextInt(200); i > 0; i--) Thread.onSpinWait();
    }

    @Override
    public void run() {
        int last = 0;
        int round = 0;
        while (true) {
            int token = (int) DISPATCH.getVolatile(this);
            if (token == EXIT) return;
            if (token == 0 || token == last) {
                round++;
                if (idle.parks(round)) {
                    parked = true;
                    // re-check after announcing the park, so a post between the two is not missed
                    if ((int) DISPATCH.getVolatile(this) == last) idle.idle(round);
                    parked = false;
                } else {
                    idle.idle(round);
                }
                if (Thread.currentThread().isInterrupted()) return;
                continue;
            }
            round = 0;
            DispatchPayload p = host.payload(core, token & 1);
            jitter();
            STATUS.setVolatile(this, token);
            host.recorder().started(core, token, clock.now());
            try {
                p.kernel.run(p);
            } catch (Throwable t) {
                host.kernelFailed(core, p, t);
            }
            host.recorder().ended(core, token, clock.now());
            last = token;
            jitter();
            STATUS.setVolatile(this, FIN_BIT | token);
            host.coreFinished(core);
        }
    }
}
