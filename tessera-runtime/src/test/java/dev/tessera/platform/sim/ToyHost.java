package dev.tessera.platform.sim;

import dev.tessera.platform.CoreHost;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A CoreHost without a runtime: payload buffers, a recorder that keeps start/end times, failure notes. */
final class ToyHost implements CoreHost {
    private final Topology topology;
    private final DispatchPayload[][] payloads;
    final Map<Long, Long> started = new HashMap<>();
    final Map<Long, Long> ended = new HashMap<>();
    final List<String> failures = new ArrayList<>();
    private final TraceRecorder recorder = new Recorder();

    ToyHost(Topology topology) {
        this.topology = topology;
        payloads = new DispatchPayload[topology.cores()][2];
        for (int c = 0; c < topology.cores(); c++) {
            int sub = topology.laneOf(c) == Lane.AIV1 ? 1 : 0;
            for (int b = 0; b < 2; b++) {
                payloads[c][b] = new DispatchPayload(c, topology.clusterOf(c), topology.typeOf(c), sub);
            }
        }
    }

    static long key(int core, int token) {
        return ((long) core << 32) | (token & 0xFFFF_FFFFL);
    }

    long startOf(int core, int token) {
        return started.get(key(core, token));
    }

    long endOf(int core, int token) {
        return ended.get(key(core, token));
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public DispatchPayload payload(int core, int buffer) {
        return payloads[core][buffer];
    }

    @Override
    public void kernelFailed(int core, DispatchPayload payload, Throwable cause) {
        failures.add(
                "core " + core + " task " + payload.taskId + " block " + payload.blockIdx + ": " + cause.getMessage());
    }

    @Override
    public TraceRecorder recorder() {
        return recorder;
    }

    @Override
    public void coreFinished(int core) {
        throw new AssertionError("the sim models polling: cores never call coreFinished");
    }

    private final class Recorder implements TraceRecorder {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public void taskSubmitted(long taskId, String name, int blockNum, int shape, boolean syncStart, long ns) {}

        @Override
        public void dispatched(
                int scheduler,
                int core,
                int token,
                long taskId,
                int blockIdx,
                int slot,
                long readyNs,
                long dispatchNs) {}

        @Override
        public void finishSeen(int scheduler, int core, int token, long ns) {}

        @Override
        public void started(int core, int token, long ns) {
            if (started.put(key(core, token), ns) != null)
                throw new AssertionError("core " + core + " token " + token + " started twice");
        }

        @Override
        public void ended(int core, int token, long ns) {
            if (ended.put(key(core, token), ns) != null)
                throw new AssertionError("core " + core + " token " + token + " ended twice");
        }
    }
}
