package dev.tessera.lincheck;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * What every Lincheck test of Tessera shares: the smaller budget under CI (the suite must stay well
 * under its limit on a 2-CPU machine), and the negative control, a deliberately broken copy of the
 * structure that the model checker must reject, which shows that the real test would catch that bug.
 */
public final class LincheckRuns {
    public static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    private LincheckRuns() {}

    /** The model checker with the budget Tessera's tests share: 15 iterations of 500 invocations, 8 of 300 under CI. */
    public static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions().iterations(CI ? 8 : 15).invocationsPerIteration(CI ? 300 : 500);
    }

    /** Stress runs on real threads with the shared budget: 5 iterations of 500 invocations, 3 of 200 under CI. */
    public static StressOptions stress() {
        return new StressOptions().iterations(CI ? 3 : 5).invocationsPerIteration(CI ? 200 : 500);
    }

    /**
     * Model-checks {@code broken} ({@code threads} threads of {@code actorsPerThread} operations, then
     * {@code actorsAfter} more) and returns the rejection's message; fails the test if it passes.
     * {@code iterations} is the budget outside CI.
     */
    public static String rejection(Class<?> broken, int threads, int actorsPerThread, int actorsAfter, int iterations) {
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> new ModelCheckingOptions()
                        .iterations(CI ? 10 : iterations)
                        .invocationsPerIteration(CI ? 300 : 1000)
                        .threads(threads)
                        .actorsPerThread(actorsPerThread)
                        .actorsBefore(0)
                        .actorsAfter(actorsAfter)
                        .minimizeFailedScenario(false)
                        .check(broken),
                () -> broken.getSimpleName() + " passed the model checker: the test would not catch its bug");
        return e.getMessage();
    }
}
