package dev.tessera.lincheck;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * What every Lincheck test of Tessera shares: the smaller budget under CI (the suite must stay well
 * under its limit on a 2-CPU machine), and the negative control, a deliberately broken copy of the
 * structure that the model checker must reject, which shows that the real test would catch that bug.
 */
public final class LincheckRuns {
    public static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    private LincheckRuns() {}

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
