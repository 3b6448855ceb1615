package dev.tessera.platform.sim;

import dev.tessera.platform.Actor;
import dev.tessera.platform.CoreHost;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.PlatformSession;
import dev.tessera.platform.Threads;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.topology.Topology;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated run: one actor per scheduler plus the orchestrator, each body on its own virtual
 * thread, only the baton holder running; cores are {@link SimCore}s driven by the posts. The
 * virtual threads run on the session's own {@link SimCarrier} where the JVM allows it.
 *
 * <p>Everything random (tie-break tickets, jitter) is drawn from streams split off the seed in a
 * fixed order, and which thread runs is decided only by the baton, so a seed replays exactly.
 */
public final class SimSession implements PlatformSession {
    private final Topology topology;
    private final Baton baton;
    private final SimActor[] schedulers;
    private final SimActor orchestrator;
    private final SimActor[] all;
    /** How long an abandoned run waits for its threads to unwind before leaving them behind. */
    private static final long GRACE_NS = 1_000_000_000L;

    private final SimCore[] cores;
    private final CoreHost host;
    private final KernelWatchdog watchdog;
    /** Opens when every actor has left, or when the watchdog gave up on a hung kernel. */
    private final CountDownLatch ended = new CountDownLatch(1);

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<KernelWatchdog.Hung> hung = new AtomicReference<>();
    /** The actor thread left running a hung kernel; never joined. */
    private volatile Thread stuck;

    private Thread[] threads;
    private boolean executed;
    /** The actors' carrier thread, or {@code null} for the JDK's shared scheduler. */
    private final SimCarrier carrier;

    SimSession(
            CoreHost host,
            CostModel model,
            boolean compute,
            boolean jitter,
            long timeLimitNs,
            long seed,
            SimLog log,
            boolean ownCarrier) {
        this.carrier = ownCarrier ? new SimCarrier("sim-carrier") : null;
        this.topology = host.topology();
        this.host = host;
        this.baton = new Baton(timeLimitNs, log);
        this.watchdog = new KernelWatchdog(nanos(host.coreTimeout()), this::abandon);
        int jitterPercent = jitter ? model.jitterPercent() : 0;
        SplittableRandom root = new SplittableRandom(seed);
        int s = topology.schedulers();
        schedulers = new SimActor[s];
        for (int i = 0; i < s; i++) {
            schedulers[i] =
                    new SimActor(i, "scheduler " + i, baton, model, jitterPercent, root.split(), new LongMinHeap());
        }
        orchestrator = new SimActor(s, "orchestrator", baton, model, jitterPercent, root.split(), null);
        all = new SimActor[s + 1];
        System.arraycopy(schedulers, 0, all, 0, s);
        all[s] = orchestrator;
        baton.register(all);
        TraceRecorder recorder = Objects.requireNonNullElse(host.recorder(), TraceRecorder.OFF);
        cores = new SimCore[topology.cores()];
        for (int c = 0; c < cores.length; c++) {
            // A core's status changes wake (cut the back-off of) the scheduler that owns its cluster.
            LongMinHeap owner = schedulers[topology.schedulerOf(topology.clusterOf(c))].coreEvents;
            cores[c] =
                    new SimCore(c, baton, host, recorder, model, compute, jitterPercent, root.split(), owner, watchdog);
        }
    }

    @Override
    public Actor orchestratorActor() {
        return orchestrator;
    }

    @Override
    public Actor schedulerActor(int scheduler) {
        if (scheduler < 0 || scheduler >= schedulers.length) {
            throw new IndexOutOfBoundsException("scheduler " + scheduler + " of " + schedulers.length);
        }
        return schedulers[scheduler];
    }

    @Override
    public CorePort core(int coreId) {
        if (coreId < 0 || coreId >= cores.length)
            throw new IndexOutOfBoundsException("core " + coreId + " of " + cores.length);
        return cores[coreId];
    }

    /**
     * Runs the bodies in simulated-time order until all have returned. If one throws, the others are
     * unwound with {@link SimulationAbortedException} at their next charge or idle, and the first
     * throwable is rethrown here as it was thrown (later ones are attached as suppressed).
     *
     * <p>A kernel call that lasts longer than the host's {@code coreTimeout} in real time stops the
     * whole simulation (it runs on the baton holder), so the {@link KernelWatchdog} ends the run:
     * the holder is interrupted, every other actor unwinds, and the host's timeout error is thrown.
     * A kernel that ignores the interrupt keeps its thread; it is left behind, never joined.
     */
    @Override
    public void execute(Runnable orchestratorBody, Runnable[] schedulerBodies) {
        Objects.requireNonNull(orchestratorBody, "orchestratorBody");
        if (schedulerBodies.length != schedulers.length) {
            throw new IllegalArgumentException("topology " + topology.name() + " has " + schedulers.length
                    + " schedulers but " + schedulerBodies.length + " scheduler bodies were given");
        }
        Runnable[] bodies = new Runnable[all.length];
        for (int i = 0; i < schedulers.length; i++)
            bodies[i] = Objects.requireNonNull(schedulerBodies[i], "scheduler body " + i);
        bodies[orchestrator.index] = orchestratorBody;
        synchronized (this) {
            if (executed)
                throw new IllegalStateException("a sim session executes once; open a new session for another run");
            executed = true;
            threads = new Thread[all.length];
            Thread.Builder.OfVirtual builder = carrier != null ? carrier.threads() : Thread.ofVirtual();
            for (SimActor a : all) {
                Runnable body = bodies[a.index];
                Thread t = builder.name("sim-" + a.name.replace(' ', '-')).unstarted(() -> runActor(a, body));
                a.thread = t;
                threads[a.index] = t;
            }
        }
        baton.start();
        running.set(threads.length);
        for (Thread t : threads) t.start();
        watchdog.start();
        try {
            awaitEnd();
        } finally {
            watchdog.stop();
        }
        try {
            KernelWatchdog.Hung h = hung.get();
            if (h != null) throw hungKernel(h);
            joinAll();
        } finally {
            if (carrier != null) carrier.stop();
        }
        Throwable failure = baton.failure();
        if (failure != null) throw SimSession.<RuntimeException>rethrow(failure);
    }

    private void runActor(SimActor actor, Runnable body) {
        try {
            baton.acquire(actor);
            body.run();
        } catch (Throwable t) {
            baton.fail(actor, t);
        } finally {
            baton.leave(actor);
            if (running.decrementAndGet() == 0) ended.countDown();
        }
    }

    /** The watchdog's verdict, on its thread: stop the rotation, interrupt the kernel, wake execute. */
    private void abandon(KernelWatchdog.Hung h) {
        if (running.get() == 0) return; // the run ended meanwhile
        hung.set(h);
        SimActor holder = baton.abandon();
        if (holder != null && holder.thread != null) {
            stuck = holder.thread;
            holder.thread.interrupt();
        }
        // The hung kernel keeps the carrier: the others unwind on another.
        if (carrier != null) carrier.rescue();
        ended.countDown();
    }

    /**
     * Joins the actors that unwind (every one but the hung kernel's), gives the interrupted kernel a
     * moment to return, and builds the error that ends the run.
     */
    private RuntimeException hungKernel(KernelWatchdog.Hung h) {
        joinAll();
        Thread t = stuck;
        boolean stopped = t == null || joinWithin(t, GRACE_NS);
        return host.kernelTimedOut(h.core(), h.payload(), h.ranNs(), stopped);
    }

    private void awaitEnd() {
        boolean interrupted = false;
        while (true) {
            try {
                ended.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // a run cannot be abandoned half way: its threads hold its state
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * Joins every actor thread but one left in a hung kernel; execute already did, so this only
     * matters if execute was cut short.
     */
    @Override
    public void close() {
        joinAll();
    }

    /** True when the actors run on a carrier of their own rather than the JDK's shared scheduler. */
    public boolean ownCarrier() {
        return carrier != null;
    }

    /** Baton hand-offs so far: how often the engine switched actors. */
    public long handoffs() {
        return baton.handoffs();
    }

    /** The latest clock of any actor: after a run, when the last actor finished, in simulated ns. */
    public long simulatedNs() {
        long max = 0;
        for (SimActor a : all) max = Math.max(max, a.clock);
        return max;
    }

    /** Charges and idles performed by all actors. */
    public long charges() {
        long n = 0;
        for (SimActor a : all) n += a.charges();
        return n;
    }

    /** Posts received by all cores. */
    public long dispatches() {
        long n = 0;
        for (SimCore c : cores) n += c.dispatches();
        return n;
    }

    /** Actor threads of this session still alive (0 after execute returns). */
    int liveThreads() {
        Thread[] ts;
        synchronized (this) {
            ts = threads;
        }
        if (ts == null) return 0;
        int n = 0;
        for (Thread t : ts) if (t.isAlive()) n++;
        return n;
    }

    private void joinAll() {
        Thread[] ts;
        synchronized (this) {
            ts = threads;
        }
        if (ts == null) return;
        if (hung.get() == null) {
            Threads.joinAll(java.util.Arrays.asList(ts));
            return;
        }
        // Abandoned: the others unwind at once, unless the hung kernel holds the only carrier
        // thread their virtual threads could run on; then they are left parked, like it.
        long deadline = System.nanoTime() + GRACE_NS;
        for (Thread t : ts) if (t != stuck) joinWithin(t, Math.max(0, deadline - System.nanoTime()));
    }

    /** {@code d} in nanoseconds, saturated: a timeout of centuries is "never". */
    private static long nanos(java.time.Duration d) {
        try {
            return Math.max(1, d.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Joins {@code t} for at most {@code ns}; true when it ended. */
    private static boolean joinWithin(Thread t, long ns) {
        try {
            return t.join(java.time.Duration.ofNanos(Math.max(1, ns)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !t.isAlive();
        }
    }

    /** Rethrows any throwable unchanged, checked or not, so execute ends with the body's own exception. */
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"
    }) // the sneaky-throw idiom: T is inferred as unchecked
    private static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }
}
