package dev.tessera.bench;

import static dev.tessera.bench.EndToEndHarness.median;

import dev.tessera.api.DType;
import dev.tessera.api.Orchestration;
import dev.tessera.api.Scope;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;

/** Fan-out / fan-in rounds (source → {@value EndToEnd#FAN_WIDTH} tasks → sink): throughput. */
final class FanGraph {
    private FanGraph() {}

    static void measure(EndToEndHarness h, BenchResults r) {
        int rounds = h.quick ? 500 : 2_000;
        int w = EndToEnd.FAN_WIDTH;
        Tensor x = Tensor.allocate(h.arena, DType.FP32, 16);
        Tensor y = Tensor.allocate(h.arena, DType.FP32, w, 16);
        Tensor z = Tensor.allocate(h.arena, DType.FP32, 16);
        TaskSpec src = TaskSpec.aiv(h.empty).inout(x).named("src");
        TaskSpec[] mid = new TaskSpec[w];
        for (int i = 0; i < w; i++)
            mid[i] = TaskSpec.aiv(h.empty)
                    .input(x)
                    .inout(y.view(new long[] {1, 16}, new long[] {i, 0}))
                    .named("mid");
        TaskSpec sink = TaskSpec.aiv(h.empty).input(y).inout(z).named("sink");
        Orchestration graph = o -> {
            for (int k = 0; k < rounds; k++) {
                try (Scope _ = o.scope()) {
                    o.submit(src);
                    for (TaskSpec m : mid) o.submit(m);
                    o.submit(sink);
                }
            }
        };
        long tasks = (long) rounds * (w + 2);
        double t = tasks / (median(1, h.reps(), () -> h.timedRun(graph)) / 1e9);
        double fj = tasks / (median(1, h.reps(), () -> h.baselines.forkJoinFan(rounds, w)) / 1e9);
        double cf = tasks / (median(1, h.reps(), () -> h.baselines.completableFutureFan(rounds, w)) / 1e9);
        h.say(
                "fan-out/fan-in (%d rounds of 1 → %d → 1): tessera %,.0f tasks/s, ForkJoinPool %,.0f, CompletableFuture %,.0f",
                rounds, w, t, fj, cf);
        r.add(
                "fanout_fanin_tasks_per_s",
                "tasks/s",
                t,
                rounds + " rounds of source → " + w + " tasks → sink (sink reads all " + w
                        + " outputs through one TensorMap lookup)");
        r.add(
                "forkjoin_fanout_fanin_tasks_per_s",
                "tasks/s",
                fj,
                "same graph: fork/join source, invokeAll, fork/join sink");
        r.add("cf_fanout_fanin_tasks_per_s", "tasks/s", cf, "same graph: thenRunAsync stages and allOf");
    }
}
