package dev.tessera.platform;

import dev.tessera.errors.TesseraException;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.topology.Topology;
import java.time.Duration;

/**
 * What the runtime gives a platform for its cores: the payload buffers to run, where to report a
 * kernel that threw, and where to record start/end times.
 */
public interface CoreHost {
    Topology topology();

    /** Payload buffer {@code buffer} (0 or 1) of core {@code core}. */
    DispatchPayload payload(int core, int buffer);

    /** A kernel threw: the run fails with an error naming the task, block, slot and core. */
    void kernelFailed(int core, DispatchPayload payload, Throwable cause);

    TraceRecorder recorder();

    /** Wakes the scheduler that owns {@code core}, e.g. after a FIN. */
    void coreFinished(int core);

    /** How long one kernel call may run (the runtime's {@code coreTimeout}); platforms that watch real time use it. */
    default Duration coreTimeout() {
        return Duration.ofSeconds(60);
    }

    /**
     * A platform watchdog saw the kernel of {@code payload} run on {@code core} for {@code ranNs},
     * longer than {@link #coreTimeout()}, {@code where} (e.g. "on scheduler thread tessera-sched-0,
     * helping"): the run fails with {@code CORE_TIMEOUT} naming the task, block, slot and core. For
     * kernels no scheduler is watching, such as one running on a scheduler's own thread.
     */
    default void coreTimedOut(int core, DispatchPayload payload, long ranNs, String where) {
        throw new IllegalStateException("kernel '" + (payload.kernel == null ? "?" : payload.kernel.name())
                + "' on core " + core + " ran " + ranNs / 1_000_000 + " ms without returning, " + where);
    }

    /** The platform itself cannot go on (e.g. a thread could not be started): the run fails with {@code error}. */
    default void platformFailed(TesseraException error) {
        throw error;
    }

    /** True once the run has failed for any reason: whatever still runs is no longer wanted. */
    default boolean failed() {
        return false;
    }

    /**
     * The platform gave up on a kernel call that ran longer than {@link #coreTimeout()}: returns the
     * error that ends the run. {@code stopped} says whether the kernel's thread ended after it was
     * interrupted; if not, it keeps running (Java cannot stop a thread that ignores interrupts).
     */
    default RuntimeException kernelTimedOut(int core, DispatchPayload payload, long ranNs, boolean stopped) {
        return new IllegalStateException(
                "kernel '" + (payload.kernel == null ? "?" : payload.kernel.name()) + "' on core " + core + " ran "
                        + ranNs / 1_000_000 + " ms without returning" + (stopped ? "" : " and ignored the interrupt"));
    }
}
