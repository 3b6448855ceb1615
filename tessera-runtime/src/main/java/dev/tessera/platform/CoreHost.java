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
}
