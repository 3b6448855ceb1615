package dev.tessera.cli;

import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleInstance;
import dev.tessera.examples.Verdict;

/** Runs one example on a runtime built from the options, and checks it. */
final class ExampleRunner {
    /** What a run produced: the runtime's report, the check against the golden, and a look at the output. */
    record Outcome(Example example, RunOptions options, RunResult result, Verdict verdict, String preview) {}

    private ExampleRunner() {}

    static Outcome run(Example example, RunOptions o) {
        try (Runtime rt = Runtime.builder()
                .topology(o.topology)
                .platform(o.platform)
                .policy(o.policy)
                .seed(o.seed)
                .build();
             ExampleInstance instance = example.instantiate(o.topology)) {
            RunResult result = rt.run(instance.orchestration());
            // Verify and preview before close() frees the buffers.
            return new Outcome(example, o, result, instance.verify(), instance.preview());
        }
    }
}
