package dev.tessera.bench;

import dev.tessera.platform.Actor;
import dev.tessera.platform.CoreHost;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.Platform;
import dev.tessera.platform.PlatformSession;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Wraps a platform (normally the threaded one) and measures, for the last run, the CPU time of the
 * orchestrator thread and of every scheduler thread from the start to the end of its body. Spinning
 * and yielding while idle count as CPU time; parked time does not.
 */
public final class MeasuringPlatform implements Platform {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Platform delegate;
    private volatile long orchestratorCpuNs;
    private volatile long[] schedulerCpuNs = new long[0];

    public MeasuringPlatform(Platform delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** CPU time of the last run's orchestrator thread. */
    public long orchestratorCpuNs() {
        return orchestratorCpuNs;
    }

    /** CPU time of the last run's scheduler threads, summed. */
    public long schedulerCpuNs() {
        long sum = 0;
        for (long v : schedulerCpuNs) sum += v;
        return sum;
    }

    @Override
    public PlatformSession open(CoreHost host, long seed) {
        PlatformSession s = delegate.open(host, seed);
        return new PlatformSession() {
            @Override
            public Actor orchestratorActor() {
                return s.orchestratorActor();
            }

            @Override
            public Actor schedulerActor(int scheduler) {
                return s.schedulerActor(scheduler);
            }

            @Override
            public CorePort core(int coreId) {
                return s.core(coreId);
            }

            @Override
            public void close() {
                s.close();
            }

            @Override
            public void execute(Runnable orchestrator, Runnable[] schedulers) {
                long[] cpu = new long[schedulers.length];
                long[] orch = new long[1];
                Runnable[] wrapped = new Runnable[schedulers.length];
                for (int i = 0; i < schedulers.length; i++) wrapped[i] = timed(schedulers[i], cpu, i);
                s.execute(timed(orchestrator, orch, 0), wrapped);
                schedulerCpuNs = cpu;
                orchestratorCpuNs = orch[0];
            }
        };
    }

    private static Runnable timed(Runnable body, long[] out, int i) {
        return () -> {
            long c0 = THREADS.getCurrentThreadCpuTime();
            try {
                body.run();
            } finally {
                out[i] = THREADS.getCurrentThreadCpuTime() - c0;
            }
        };
    }
}
