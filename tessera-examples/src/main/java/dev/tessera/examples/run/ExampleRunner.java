package dev.tessera.examples.run;

import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.Options;
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
    public record Outcome(
            Example example, Options options, Settings settings, RunResult result, Verdict verdict, String preview) {}

    private ExampleRunner() {}

    /**
     * Runs {@code example} {@code times} times with {@code s}, untraced, and forgets the results: on
     * the threaded platform the first runs in a JVM are slower while the JIT compiles the kernels and
     * the scheduler, and a measured run should not pay for that.
     */
    public static void warmUp(Example example, Options options, Settings s, int times) {
        for (int i = 0; i < times; i++) run(example, options, s.withTrace(false));
    }

    public static Outcome run(Example example, Options options, Settings s) {
        try (ExampleInstance instance = example.instantiate(s.topology(), options);
                Runtime rt = runtime(s, instance)) {
            RunResult result = rt.run(instance.orchestration());
            if (!options.computes()) {
                // The kernels never ran: the output says nothing, so no verdict either way.
                return new Outcome(
                        example, options, s, result, Verdict.notChecked("--no-compute: the kernels did not run"), "");
            }
            // Verify and preview before close() frees the buffers.
            return new Outcome(example, options, s, result, instance.verify(), instance.preview());
        }
    }

    private static Runtime runtime(Settings s, ExampleInstance instance) {
        Runtime.Builder b = Runtime.builder()
                .topology(s.topology())
                .platform(s.platform())
                .policy(s.policy())
                .syncStartMode(s.syncStart())
                .seed(s.seed())
                .trace(s.trace());
        if (instance.heapBytes() > 0) b.heapBytes(instance.heapBytes());
        return b.build();
    }
}
