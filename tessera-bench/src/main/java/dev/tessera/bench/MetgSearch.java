package dev.tessera.bench;

import static dev.tessera.bench.EndToEndHarness.best;
import static dev.tessera.bench.EndToEndHarness.submitChunked;

import dev.tessera.api.Kernel;
import dev.tessera.api.TaskSpec;
import java.util.Locale;

/**
 * METG(50%) of the runtime and of the ForkJoinPool. The graph at duration d: N independent tasks
 * of a {@link Spin} kernel of d µs, N chosen so the run takes about a fixed time whatever d (using
 * each system's measured per-task overhead), efficiency = N·d / cpus / wall time, wall time being
 * the best of 2 (quick) or 3 runs: background load on a shared machine only ever lowers
 * efficiency, so the best run is the system's own.
 */
final class MetgSearch {
    private MetgSearch() {}

    /** {@code tesseraNsPerTask}: the runtime's measured overhead per independent task, or NaN if unknown. */
    static void measure(EndToEndHarness h, BenchResults r, double tesseraNsPerTask) {
        double budgetNs = h.quick ? 60e6 : 200e6;
        int reps = h.quick ? 2 : 3;
        int bisections = h.quick ? 3 : 4;
        int cpus = h.cpus;
        if (Double.isNaN(tesseraNsPerTask)) tesseraNsPerTask = 10_000; // independent phase failed: assume slow
        double tesseraOverhead = tesseraNsPerTask;
        double fjNsPerTask = h.baselines.forkJoinIndependent(200_000, 0) / 200_000.0;
        Spin.rate();
        Metg.Result tessera = Metg.search(
                d -> {
                    int n = tasksFor(d, tesseraOverhead, budgetNs, cpus);
                    Kernel spin = spinKernel(d);
                    double wall = best(reps, () -> h.timedRun(o -> submitChunked(o, n, i -> TaskSpec.aiv(spin))));
                    return n * d * 1e3 / cpus / wall;
                },
                EndToEnd.METG_GOAL,
                bisections);
        Metg.Result fj = Metg.search(
                d -> {
                    int n = tasksFor(d, fjNsPerTask, budgetNs, cpus);
                    long iters = Spin.iterations(d);
                    double wall = best(reps, () -> h.baselines.forkJoinIndependent(n, iters));
                    return n * d * 1e3 / cpus / wall;
                },
                EndToEnd.METG_GOAL,
                bisections);
        h.say(
                "METG(50%%) on %d CPUs: tessera %.2f µs, ForkJoinPool %.2f µs (kernel rate %.2f iterations/ns)",
                cpus, tessera.metgUs(), fj.metgUs(), Spin.rate());
        h.say("  tessera points: %s", points(tessera));
        h.say("  ForkJoinPool points: %s", points(fj));
        r.add(
                "metg50_us",
                "us",
                tessera.metgUs(),
                "smallest busy-kernel duration with ≥ 50% efficiency, independent 1-block AIV tasks on "
                        + h.topology.name() + " (" + cpus + " CPUs)",
                "≤ forkjoin_metg50_us");
        r.add("forkjoin_metg50_us", "us", fj.metgUs(), "same, ForkJoinPool(" + cpus + "), fork all then join all");
        if (!h.quick) {
            double cfNsPerTask = h.baselines.completableFutureIndependent(200_000, 0) / 200_000.0;
            Metg.Result cf = Metg.search(
                    d -> {
                        int n = tasksFor(d, cfNsPerTask, budgetNs, cpus);
                        long iters = Spin.iterations(d);
                        double wall = best(reps, () -> h.baselines.completableFutureIndependent(n, iters));
                        return n * d * 1e3 / cpus / wall;
                    },
                    EndToEnd.METG_GOAL,
                    bisections);
            h.say("  CompletableFuture METG(50%%) %.2f µs, points: %s", cf.metgUs(), points(cf));
            r.add("cf_metg50_us", "us", cf.metgUs(), "same, CompletableFuture.runAsync on the pool");
        }
    }

    /** Tasks for a run of about {@code budgetNs}: ideal time and measured overhead both counted. */
    private static int tasksFor(double micros, double overheadNsPerTask, double budgetNs, int cpus) {
        double perTask = Math.max(micros * 1e3 / cpus, overheadNsPerTask);
        return (int) Math.max(200, Math.min(1_000_000, budgetNs / perTask));
    }

    private static Kernel spinKernel(double micros) {
        long iters = Spin.iterations(micros);
        return Kernel.of("spin", ctx -> Spin.work(iters));
    }

    private static String points(Metg.Result m) {
        StringBuilder sb = new StringBuilder();
        for (Metg.Point p : m.points()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(String.format(Locale.ROOT, "%.2fµs→%.0f%%", p.micros(), 100 * p.efficiency()));
        }
        return sb.toString();
    }
}
