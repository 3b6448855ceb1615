package dev.tessera.platform;

import dev.tessera.profiling.TraceRecorder;
import dev.tessera.topology.Topology;

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

    /** How long one dispatch may run before the run fails with {@code CORE_TIMEOUT}, in ns. */
    long coreTimeoutNs();

    /**
     * A platform watchdog saw the kernel of {@code payload} run on {@code core} for {@code ranNs}
     * (more than {@link #coreTimeoutNs()}): the run fails with {@code CORE_TIMEOUT} naming the task,
     * block, slot and core. For kernels no scheduler is watching, e.g. one running on a scheduler's
     * own thread.
     */
    void coreTimedOut(int core, DispatchPayload payload, long ranNs, String where);

    /** The platform itself cannot go on (e.g. a thread could not be started): the run fails with {@code error}. */
    void platformFailed(dev.tessera.errors.TesseraException error);

    /** True once the run has failed for any reason: whatever still runs is no longer wanted. */
    boolean failed();
}
