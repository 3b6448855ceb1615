package dev.tessera.examples.run;

import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.Verdict;

/**
 * Runs one example on a runtime built from the settings, and checks it: what {@code tessera run}
 * does for one run and what a sweep does for each of its points.
 */
public final class ExampleRunner {
    /**
     * What a run produced: the runtime's report (with its trace when tracing was on), the check
     * against the golden, and a look at the output.
     */
    public record Outcome(Example example, Settings settings, RunResult result, Verdict verdict, String preview) {}

    private ExampleRunner() {}

    /**
     * Runs {@code example} {@code times} times with {@code s}, untraced, and forgets the results: on
     * the threaded platform the first runs in a JVM are slower while the JIT compiles the kernels and
     * the scheduler, and a measured run should not pay for that.
     */
    public static void warmUp(Example example, Settings s, int times) {
        for (int i = 0; i < times; i++) run(example, s.withTrace(false));
    }

    public static Outcome run(Example example, Settings s) {
        try (Runtime rt = Runtime.builder()
                .topology(s.topology())
                .platform(s.platform())
                .policy(s.policy())
                .syncStartMode(s.syncStart())
                .seed(s.seed())
                .trace(s.trace())
                .build();
             ExampleInstance instance = example.instantiate(s.topology())) {
            RunResult result = rt.run(instance.orchestration());
            // Verify and preview before close() frees the buffers.
            return new Outcome(example, s, result, instance.verify(), instance.preview());
        }
    }
}
