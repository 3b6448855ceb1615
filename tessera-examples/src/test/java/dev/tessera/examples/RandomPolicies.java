package dev.tessera.examples;

import dev.tessera.dispatch.DispatchOptions;
import dev.tessera.dispatch.Mechanism;
import dev.tessera.scheduler.DispatchPolicy;
import java.util.EnumSet;
import java.util.SplittableRandom;

/** Random combinations of the dispatch mechanisms, for the seeded stress suites. */
public final class RandomPolicies {
    private RandomPolicies() {}

    /**
     * Each mechanism on or off with even odds: over many seeds the named policies (serial,
     * parallel, head) and every combination between them come up.
     */
    public static DispatchPolicy next(SplittableRandom rnd) {
        EnumSet<Mechanism> on = EnumSet.noneOf(Mechanism.class);
        for (Mechanism m : Mechanism.values()) if (rnd.nextBoolean()) on.add(m);
        return DispatchPolicy.of(DispatchOptions.of("random", on));
    }
}
