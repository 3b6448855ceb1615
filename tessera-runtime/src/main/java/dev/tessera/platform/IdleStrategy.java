package dev.tessera.platform;

import java.util.concurrent.locks.LockSupport;

/**
 * Spin, then yield, then park with a growing timeout: how threads wait without burning the two CPUs
 * of a dev machine (the shape of Agrona's BackoffIdleStrategy).
 */
public record IdleStrategy(int spins, int yields, long minParkNs, long maxParkNs) {
    public static final IdleStrategy DEFAULT = new IdleStrategy(64, 16, 1_000, 200_000);
    /**
     * Never spins: on a machine with fewer CPUs than busy threads a spinning scheduler takes a CPU
     * from a running kernel. It trades latency and throughput for efficiency on tiny kernels
     * (docs/benchmarks.md: METG 7.3 → 4.4 µs, but empty tasks/s halve and SPMD latency triples on
     * 2 CPUs), so it is an option, not the default.
     */
    public static final IdleStrategy NO_SPIN = new IdleStrategy(0, 4, 1_000, 200_000);

    public IdleStrategy {
        if (spins < 0 || yields < 0 || minParkNs < 1 || maxParkNs < minParkNs) {
            throw new IllegalArgumentException(
                    "invalid idle strategy " + spins + "/" + yields + "/" + minParkNs + "/" + maxParkNs);
        }
    }

    /** Backs off for the {@code round}-th consecutive idle iteration (1-based). */
    public void idle(int round) {
        if (round <= spins) {
            Thread.onSpinWait();
        } else if (round <= spins + yields) {
            Thread.yield();
        } else {
            int parks = round - spins - yields;
            long ns = minParkNs << Math.min(20, parks - 1);
            LockSupport.parkNanos(ns <= 0 || ns > maxParkNs ? maxParkNs : ns);
        }
    }

    /** True once {@code round} is past spinning and yielding: the thread may be parked. */
    public boolean parks(int round) {
        return round > spins + yields;
    }
}
