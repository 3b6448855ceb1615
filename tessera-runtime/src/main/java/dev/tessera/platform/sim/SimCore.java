package dev.tessera.platform.sim;

import dev.tessera.platform.CoreHost;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.profiling.TraceRecorder;
import java.util.SplittableRandom;

/**
 * One core as a function of simulated time instead of a thread. A post at the poster's clock T
 * fixes the dispatch's whole future at once: it starts at max(T + pickup, end of the previous
 * dispatch + switch), runs for the cost model's duration, and its ACK and FIN become readable after the
 * visibility latencies. {@link #status()} then answers what the register shows at the reader's
 * clock.
 *
 * <p>The register keeps only its last value, exactly like the hardware's COND register: when a
 * pending dispatch starts the instant the running one ends, FIN of the first and ACK of the second
 * are written together and a reader sees the ACK (case 2 of spec §4.3, the pending dispatch
 * latched). Visibility times never decrease, so a newer value never hides behind an older one.
 *
 * <p>The kernel itself runs inside {@code post}, on the poster's thread: its outputs exist "early"
 * in simulated time, which is harmless because the runtime only lets consumers read them after it
 * saw this dispatch's FIN. Only the baton holder calls in, so nothing here is synchronized.
 */
final class SimCore implements CorePort {
    private static final int WRITES = 4;

    private final int id;
    private final Baton baton;
    private final CoreHost host;
    private final TraceRecorder recorder;
    private final CostModel model;
    private final boolean compute;
    private final int jitterPercent;
    private final SplittableRandom rng;
    private final LongMinHeap ownerEvents;
    private final KernelWatchdog watchdog;

    // Register writes not yet visible at the last read, oldest first (a small ring).
    private final long[] visibleAt = new long[WRITES];
    private final int[] written = new int[WRITES];
    private int head;
    private int count;
    private int shown = IDLE_STATUS;

    private static final int NO_GATE = -1;

    private boolean posted;
    /** The gated token waiting for its doorbell ({@link #postGated}), or {@link #NO_GATE}. */
    private int gatedToken = NO_GATE;
    /** When the gated payload is latched: it cannot start earlier, however early its doorbell. */
    private long gatedLatched;

    private int lastToken;
    private long lastEnd;
    private long lastAckVisible;
    private long lastFinVisible;
    private long dispatches;

    SimCore(
            int id,
            Baton baton,
            CoreHost host,
            TraceRecorder recorder,
            CostModel model,
            boolean compute,
            int jitterPercent,
            SplittableRandom rng,
            LongMinHeap ownerEvents,
            KernelWatchdog watchdog) {
        this.id = id;
        this.baton = baton;
        this.host = host;
        this.recorder = recorder;
        this.model = model;
        this.compute = compute;
        this.jitterPercent = jitterPercent;
        this.rng = rng;
        this.ownerEvents = ownerEvents;
        this.watchdog = watchdog;
    }

    @Override
    public void post(int token) {
        long t = baton.nowForCores();
        checkPost(token, t);
        settle(t);
        // an idle core needs pickup after the write; a core that just ran a kernel also needs its switch time
        schedule(token, t, t + model.pickupNs());
    }

    /**
     * Early dispatch: the payload is latched from {@code t + pickup} on, but the dispatch's future
     * is fixed only by its doorbell ({@link #ring}); until then the core reports nothing for it.
     */
    @Override
    public void postGated(int token) {
        long t = baton.nowForCores();
        checkPost(token, t);
        settle(t);
        gatedToken = token;
        gatedLatched = t + model.pickupNs();
    }

    /**
     * The doorbell: the latched payload starts once the write is seen ({@code core.doorbell}), not
     * before it was latched, and, on a core that ran a kernel, not before its switch time.
     */
    @Override
    public void ring(int token) {
        if (token != gatedToken)
            throw new IllegalStateException("core " + id + ": doorbell for token " + token + ", gated " + gatedToken);
        long t = baton.nowForCores();
        gatedToken = NO_GATE;
        settle(t);
        schedule(token, t, Math.max(t + model.doorbellNs(), gatedLatched));
    }

    private void checkPost(int token, long t) {
        if (token < 0 || token >= CorePort.FIRST_RESERVED_TOKEN) {
            throw new IllegalArgumentException("core " + id + ": token " + token + " is outside 0.."
                    + (CorePort.FIRST_RESERVED_TOKEN - 1) + " (larger ids are reserved register values)");
        }
        if (gatedToken != NO_GATE)
            throw new IllegalStateException("core " + id + ": token " + token + " posted while gated token "
                    + gatedToken + " waits for its doorbell");
        if (posted) {
            if (token == lastToken) {
                throw new IllegalStateException("core " + id + ": token " + token
                        + " posted twice in a row; the core only notices a changed value");
            }
            if (t < lastAckVisible) {
                throw new IllegalStateException(
                        "core " + id + ": token " + token + " posted at " + t + " ns, before the ACK of token "
                                + lastToken + " was visible (" + lastAckVisible
                                + " ns): the core has not latched that payload yet,"
                                + " so this write would overwrite it (spec §4.5: post a pending dispatch only after the running one's ACK)");
            }
        }
    }

    /** Fixes the future of dispatch {@code token}, seen by the core at {@code t}, startable from {@code earliest}. */
    private void schedule(int token, long t, long earliest) {
        DispatchPayload payload = host.payload(id, token & 1);
        long start = posted ? Math.max(earliest, lastEnd + model.switchNs()) : earliest;
        long end = Math.addExact(start, Jitter.apply(model.kernelNanos(payload), jitterPercent, rng));
        if (end > baton.timeLimitNs()) {
            // The run needs this block's FIN, so it cannot finish in time: say so now, not after idling up to the
            // limit.
            String kernel = payload.kernel == null ? "?" : payload.kernel.name();
            throw SimTimeLimitExceededException.dispatchEndsLate(
                    "block " + payload.blockIdx + " of kernel '" + kernel + "' on core " + id + ", posted at " + t
                            + " ns,",
                    end,
                    baton.timeLimitNs());
        }
        if (compute) run(payload, token);
        long ackVisible = Math.max(start + model.ackVisibilityNs(), lastFinVisible);
        long finVisible = Math.max(end + model.finVisibilityNs(), ackVisible);
        write(ackVisible, token);
        write(finVisible, FIN_BIT | token);
        if (ownerEvents != null) {
            ownerEvents.add(ackVisible);
            ownerEvents.add(finVisible);
        }
        long tick = model.tickNs();
        recorder.started(id, token, start - start % tick);
        recorder.ended(id, token, end - end % tick);
        posted = true;
        lastToken = token;
        lastEnd = end;
        lastAckVisible = ackVisible;
        lastFinVisible = finVisible;
        dispatches++;
    }

    /** The register as the calling actor sees it at its own clock. */
    @Override
    public int status() {
        settle(baton.nowForCores());
        return shown;
    }

    long dispatches() {
        return dispatches;
    }

    private void run(DispatchPayload payload, int token) {
        watchdog.kernelStarted(id, payload);
        try {
            if (payload.kernel == null) {
                throw new IllegalStateException(
                        "core " + id + " token " + token + ": payload buffer " + (token & 1) + " holds no kernel");
            }
            payload.kernel.run(payload);
        } catch (Throwable e) {
            host.kernelFailed(id, payload, e);
        } finally {
            watchdog.kernelEnded();
        }
        // The watchdog gave up on this kernel while it ran: the others have unwound, so must this actor.
        if (baton.abandoned()) throw new SimulationAbortedException("core " + id, null);
    }

    /**
     * Folds in every write visible at {@code now}. Simulated time seen by register accesses never
     * goes backwards (the baton holder is always the earliest live actor), so consumed writes are
     * never needed again.
     */
    private void settle(long now) {
        while (count > 0 && visibleAt[head] <= now) {
            shown = written[head];
            head = (head + 1) % WRITES;
            count--;
        }
    }

    private void write(long at, int value) {
        if (count == WRITES)
            throw new IllegalStateException("core " + id + ": more register writes in flight than the protocol allows");
        int w = (head + count) % WRITES;
        visibleAt[w] = at;
        written[w] = value;
        count++;
    }
}
