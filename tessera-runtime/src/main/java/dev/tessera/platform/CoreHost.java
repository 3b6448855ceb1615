package dev.tessera.platform;

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
     * The platform gave up on a kernel call that ran longer than {@link #coreTimeout()}: returns the
     * error that ends the run. {@code stopped} says whether the kernel's thread ended after it was
     * interrupted; if not, it keeps running (Java cannot stop a thread that ignores interrupts).
     */
    default RuntimeException kernelTimedOut(int core, DispatchPayload payload, long ranNs, boolean stopped) {
        return new IllegalStateException("kernel '" + (payload.kernel == null ? "?" : payload.kernel.name()) + "' on core " + core
                + " ran " + ranNs / 1_000_000 + " ms without returning" + (stopped ? "" : " and ignored the interrupt"));
    }
}
