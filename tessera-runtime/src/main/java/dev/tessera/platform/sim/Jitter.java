package dev.tessera.platform.sim;

import java.util.SplittableRandom;

/** Seeded, integer-only jitter so that a seed gives the same numbers on every machine. */
final class Jitter {
    private Jitter() {}

    /** {@code ns} ± up to {@code percent}% of it, uniformly; never negative. */
    static long apply(long ns, int percent, SplittableRandom rng) {
        if (percent == 0 || ns <= 0) return ns;
        long amplitude = ns / 100 * percent + ns % 100 * percent / 100;
        if (amplitude == 0) return ns;
        return ns + rng.nextLong(-amplitude, amplitude + 1);
    }
}
