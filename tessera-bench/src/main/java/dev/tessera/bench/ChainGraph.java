package dev.tessera.bench;

import static dev.tessera.bench.EndToEndHarness.median;
import static dev.tessera.bench.EndToEndHarness.submitChunked;

import dev.tessera.api.DType;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;

/** A chain of empty tasks, each depending on the one before: time per link. */
final class ChainGraph {
    private ChainGraph() {}

    static void measure(EndToEndHarness h, BenchResults r) {
        int n = h.quick ? 20_000 : 100_000;
        Tensor x = Tensor.allocate(h.arena, DType.FP32, 16);
        TaskSpec link = TaskSpec.aiv(h.empty).inout(x).named("link");
        double t = median(1, h.reps(), () -> h.timedRun(o -> submitChunked(o, n, i -> link))) / n;
        double fj = median(1, h.reps(), () -> h.baselines.forkJoinChain(n)) / n;
        double cf = median(1, h.reps(), () -> h.baselines.completableFutureChain(n)) / n;
        h.say(
                "chain of %d empty tasks: tessera %.2f µs/link, ForkJoinPool %.2f µs/link, CompletableFuture %.2f µs/link",
                n, t / 1e3, fj / 1e3, cf / 1e3);
        r.add(
                "chain_ns_per_task",
                "ns",
                t,
                n + " empty tasks, each INOUT on the same tensor: one dependency hop per task");
        r.add("forkjoin_chain_ns_per_task", "ns", fj, "same chain: each ForkJoinTask forks its successor");
        r.add("cf_chain_ns_per_task", "ns", cf, "same chain: thenRunAsync stages");
    }
}
