package dev.tessera.bench;

/**
 * A compute-bound kernel of a given duration, Task-Bench style: a fixed number of iterations of a
 * dependent xorshift chain, calibrated once so that {@code iterations(d)} takes {@code d} µs on an
 * otherwise idle CPU. Counting iterations rather than watching the clock means a kernel that is
 * preempted does not finish early: every task does the same amount of work whoever runs it.
 */
public final class Spin {
    private static volatile long sink;
    private static volatile double itersPerNs;

    private Spin() {}

    /** Runs {@code iterations} steps; the result is published so the JIT cannot drop the loop. */
    public static void work(long iterations) {
        long x = 0x9E3779B97F4A7C15L;
        for (long i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        if (x == 42) sink = x;
    }

    /** Iterations that take {@code micros} µs on this machine (calibrated on first use). */
    public static long iterations(double micros) {
        return Math.max(0, Math.round(micros * 1000.0 * rate()));
    }

    /** Iterations per nanosecond: the best of several timed runs, so background load only makes it conservative. */
    public static synchronized double rate() {
        if (itersPerNs > 0) return itersPerNs;
        long n = 1_000_000;
        for (int i = 0; i < 20; i++) work(n); // warm up the JIT
        double best = 0;
        for (int i = 0; i < 15; i++) {
            long t0 = System.nanoTime();
            work(n);
            long dt = System.nanoTime() - t0;
            best = Math.max(best, (double) n / dt);
        }
        itersPerNs = best;
        return best;
    }

    public static long sink() {
        return sink;
    }
}
