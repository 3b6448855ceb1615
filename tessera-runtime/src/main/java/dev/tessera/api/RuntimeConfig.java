package dev.tessera.api;

import dev.tessera.platform.IdleStrategy;
import dev.tessera.platform.Platform;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.scheduler.SyncStartMode;
import dev.tessera.topology.Topology;
import dev.tessera.verify.KernelObserver;
import dev.tessera.verify.SubmitObserver;
import java.time.Duration;

/**
 * Everything a {@link Runtime} is built from. Use {@link Runtime#builder()}.
 *
 * @param taskWindow       task slots per ring (power of two ≥ 4); a scope must hold fewer
 * @param heapBytes        output heap per ring, in bytes
 * @param tensorMapEntries live TensorMap entries before submit waits for retirements
 * @param coreTimeout      a core that runs one dispatch longer than this fails the run
 * @param trace            record a timeline (see {@link RunResult#trace()})
 * @param observer         sees every kernel execution (tests, diagnostics); null for none
 * @param submitObserver   sees every submit's inferred producers (tests, diagnostics); null for none
 * @param hazardCheck      debug mode: a submit that races an unfinished task it will not wait for fails
 */
public record RuntimeConfig(
        Topology topology,
        Platform platform,
        DispatchPolicy policy,
        SyncStartMode syncStartMode,
        int taskWindow,
        long heapBytes,
        int tensorMapEntries,
        long seed,
        boolean trace,
        IdleStrategy idleStrategy,
        Duration coreTimeout,
        KernelObserver observer,
        SubmitObserver submitObserver,
        boolean hazardCheck) {
    /** 2^20 slots per ring: the ready queues hold every live task of every ring, 8 × window entries each. */
    public static final int MAX_TASK_WINDOW = 1 << 20;
    /** The largest heap ring, the size of the largest output ({@code OutputSpec.MAX_BYTES}). */
    public static final long MAX_HEAP_BYTES = OutputSpec.MAX_BYTES;

    public RuntimeConfig {
        if (taskWindow < 4 || taskWindow > MAX_TASK_WINDOW || Integer.bitCount(taskWindow) != 1) {
            throw new IllegalArgumentException(
                    "taskWindow must be a power of two in 4.." + MAX_TASK_WINDOW + ", got " + taskWindow);
        }
        if (heapBytes < 1024 || heapBytes > MAX_HEAP_BYTES) {
            throw new IllegalArgumentException(
                    "heapBytes must be in 1024.." + MAX_HEAP_BYTES + " (2^48), got " + heapBytes);
        }
        if (tensorMapEntries < 16)
            throw new IllegalArgumentException("tensorMapEntries must be ≥ 16, got " + tensorMapEntries);
        if (coreTimeout.isNegative() || coreTimeout.isZero())
            throw new IllegalArgumentException("coreTimeout must be positive");
    }

    /** Without the hazard check (the configuration before it existed). */
    public RuntimeConfig(
            Topology topology,
            Platform platform,
            DispatchPolicy policy,
            SyncStartMode syncStartMode,
            int taskWindow,
            long heapBytes,
            int tensorMapEntries,
            long seed,
            boolean trace,
            IdleStrategy idleStrategy,
            Duration coreTimeout,
            KernelObserver observer,
            SubmitObserver submitObserver) {
        this(
                topology,
                platform,
                policy,
                syncStartMode,
                taskWindow,
                heapBytes,
                tensorMapEntries,
                seed,
                trace,
                idleStrategy,
                coreTimeout,
                observer,
                submitObserver,
                false);
    }
}
