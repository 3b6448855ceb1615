package dev.tessera.bench;

import static dev.tessera.bench.EndToEndHarness.median;
import static dev.tessera.bench.EndToEndHarness.submitChunked;

import dev.tessera.api.TaskSpec;

/** Independent empty tasks: throughput of the runtime and of the baselines on the same graph. */
final class IndependentTasks {
    private IndependentTasks() {}

    /** Measures the graph; returns the runtime's wall ns per task (METG sizes its runs with it). */
    static double measure(EndToEndHarness h, BenchResults r) {
        int n = h.quick ? 200_000 : 1_000_000;
        double[] walls = new double[h.reps()];
        double[] schedPerBlock = new double[h.reps()];
        double[] orchPerTask = new double[h.reps()];
        for (int k = 0; k < (h.quick ? 2 : 3); k++)
            h.timedRun(o -> submitChunked(o, n, i -> TaskSpec.aiv(h.empty))); // JIT warm-up
        for (int k = 0; k < walls.length; k++) {
            walls[k] = h.timedRun(o -> submitChunked(o, n, i -> TaskSpec.aiv(h.empty)));
            if (h.last().blocks() != n)
                throw new IllegalStateException("ran " + h.last().blocks() + " blocks, expected " + n);
            schedPerBlock[k] = (double) h.platform.schedulerCpuNs() / n;
            orchPerTask[k] = (double) h.platform.orchestratorCpuNs() / n;
        }
        double wall = Stats.median(walls);
        double tps = n / (wall / 1e9);
        double bestTps = n / (Stats.min(walls) / 1e9);
        double fj = n / (median(1, h.reps(), () -> h.baselines.forkJoinIndependent(n, 0)) / 1e9);
        double cf = n / (median(1, h.reps(), () -> h.baselines.completableFutureIndependent(n, 0)) / 1e9);
        h.say(
                "independent empty tasks (n=%d): tessera %,.0f/s (best %,.0f/s), ForkJoinPool %,.0f/s, CompletableFuture %,.0f/s",
                n, tps, bestTps, fj, cf);
        h.say(
                "  tessera threads: scheduler CPU %.0f ns/block, orchestrator CPU %.0f ns/task",
                Stats.median(schedPerBlock), Stats.median(orchPerTask));
        r.add(
                "independent_tasks_per_s",
                "tasks/s",
                tps,
                n + " independent empty 1-block AIV tasks, submit to last completion, " + h.topology.name()
                        + " topology, threaded, median of " + walls.length + " runs",
                "≥ 1,000,000");
        r.add("independent_tasks_per_s_best", "tasks/s", bestTps, "same, best run");
        r.add(
                "forkjoin_independent_tasks_per_s",
                "tasks/s",
                fj,
                "same graph: ForkJoinPool(" + h.cpus + "), fork all then join all");
        r.add(
                "cf_independent_tasks_per_s",
                "tasks/s",
                cf,
                "same graph: CompletableFuture.runAsync on the same pool, allOf");
        r.add(
                "threaded_sched_cpu_ns_per_block",
                "ns",
                Stats.median(schedPerBlock),
                "in that run: scheduler threads' CPU time / blocks, including idle spinning and waking parked cores");
        r.add(
                "threaded_orch_cpu_ns_per_task",
                "ns",
                Stats.median(orchPerTask),
                "in that run: orchestrator thread CPU time / tasks, including spec building and ring back-pressure");
        return wall / n;
    }
}
