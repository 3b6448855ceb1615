package dev.tessera.bench;

import dev.tessera.api.TaskSpec;

/** Wall time of a run with one empty task: thread start-up and shutdown of one run. */
final class RunOverhead {
    private RunOverhead() {}

    static void measure(EndToEndHarness h, BenchResults r) {
        double ns = EndToEndHarness.median(
                3, h.quick ? 5 : 11, () -> h.timedRun(orch -> orch.submit(TaskSpec.aiv(h.empty))));
        h.say(
                "run with one empty task: %.0f µs (start and stop of %d core + %d scheduler + 1 orchestrator threads)",
                ns / 1e3, h.topology.cores(), h.topology.schedulers());
        r.add(
                "run_overhead_us",
                "us",
                ns / 1e3,
                "wall time of Runtime.run with one empty task (threads started and joined per run)");
    }
}
