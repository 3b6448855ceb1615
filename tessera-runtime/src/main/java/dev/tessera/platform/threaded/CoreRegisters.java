package dev.tessera.platform.threaded;

import dev.tessera.platform.CoreHost;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.DispatchPayload;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.SplittableRandom;

/**
 * One core's dispatch and status registers and what running one token means (spec §4.3, AICore
 * loop): latch the payload the token selects, ACK, run the kernel, FIN, tell the host. Subclasses
 * decide which thread does it: the core's own ({@link CoreWorker}) or whichever took it from the
 * pool's queue ({@link PooledCore}).
 */
abstract class CoreRegisters implements CorePort {
    private static final VarHandle DISPATCH;
    private static final VarHandle STATUS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            DISPATCH = l.findVarHandle(CoreRegisters.class, "dispatch", int.class);
            STATUS = l.findVarHandle(CoreRegisters.class, "status", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int core;
    private final CoreHost host;
    private final RunClock clock;
    /** Non-null when the run's seed asks for perturbed timing (stress tests): see {@link #jitter()}. */
    private final SplittableRandom chaos;

    @SuppressWarnings("unused")
    private volatile int dispatch;

    @SuppressWarnings("unused")
    private volatile int status = IDLE_STATUS;

    /** The gated token waiting for its doorbell, 0 if none: the core does not see it before {@link #ring}. */
    private volatile int gated;

    CoreRegisters(int core, CoreHost host, RunClock clock, long seed) {
        this.core = core;
        this.host = host;
        this.clock = clock;
        this.chaos = seed == 0 ? null : new SplittableRandom(seed * 1_000_003L + core);
    }

    /** Writes the dispatch register (a volatile store: the first half of every post). */
    final void writeDispatch(int token) {
        DISPATCH.setVolatile(this, token);
    }

    /**
     * Early dispatch: the token is kept off the dispatch register, so the core cannot start it (nor
     * ACK it) before its doorbell; a Java thread has no payload latch to model.
     */
    @Override
    public final void postGated(int token) {
        if (gated != 0) throw new IllegalStateException("core " + core + ": gated token " + gated + " not rung yet");
        gated = token;
    }

    /** The doorbell, from whichever scheduler completed the last producer: the token is posted now. */
    @Override
    public final void ring(int token) {
        if (gated != token)
            throw new IllegalStateException("core " + core + ": doorbell for token " + token + ", gated " + gated);
        gated = 0;
        post(token);
    }

    /** Reads the dispatch register. */
    final int readDispatch() {
        return (int) DISPATCH.getVolatile(this);
    }

    @Override
    public final int status() {
        return (int) STATUS.getVolatile(this);
    }

    /** Runs dispatch {@code token} on the calling thread, which {@code watch} describes. */
    final void execute(int token, KernelWatch watch) {
        DispatchPayload p = host.payload(core, token & 1);
        jitter();
        STATUS.setVolatile(this, token);
        long start = clock.now();
        host.recorder().started(core, token, start);
        watch.begin(core, p, start);
        try {
            p.kernel.run(p);
        } catch (Throwable t) {
            host.kernelFailed(core, p, t);
        } finally {
            watch.end();
        }
        host.recorder().ended(core, token, clock.now());
        jitter();
        STATUS.setVolatile(this, FIN_BIT | token);
        host.coreFinished(core);
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
}
