package dev.tessera.sweep;

import dev.tessera.sweep.point.Point;
import dev.tessera.sweep.point.PointResult;
import dev.tessera.sweep.point.PointRunner;
import dev.tessera.sweep.spec.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The time a sweep will take, from one probe run per workload (example, options, topology, costs,
 * platform, compute) in this JVM: the sum over the points of their workload's probe time, divided
 * by the cores that run points at once. Policies and seeds change a run's time little, so they are
 * not probed. The first probe runs twice so JIT compilation does not inflate the estimate.
 */
record Estimate(int points, double totalMs, int probes) {
    /** Spark's start in a fresh JVM, measured on the development machine (docs/sweeps.md). */
    static final double SPARK_START_MS = 8_000;

    /** Runs the probes; tells {@code listener} each workload's label and probe time in ms as it goes. */
    static Estimate probe(List<Point> points, BiConsumer<String, Double> listener) {
        Map<String, Double> probeMs = new LinkedHashMap<>();
        double total = 0;
        boolean warm = false;
        for (Point p : points) {
            String w = workload(p);
            Double ms = probeMs.get(w);
            if (ms == null) {
                if (!warm) {
                    PointRunner.run(p, "probe");
                    warm = true;
                }
                PointResult r = PointRunner.run(p, "probe");
                ms = r.wallMs();
                probeMs.put(w, ms);
                listener.accept(w + " (" + r.status() + ")", ms);
            }
            total += ms;
        }
        return new Estimate(points.size(), total, probeMs.size());
    }

    static String workload(Point p) {
        return p.example() + (p.options().isEmpty() ? "" : " [" + Point.format(p.options()) + "]") + " " + p.topology()
                + (p.costs().equals("preset") ? "" : " costs=" + p.costs())
                + (p.platform().equals("sim") ? "" : " " + p.platform())
                + (p.compute() ? "" : " no-compute");
    }

    /** Cores that {@code master} runs points on at once, or 0 when only the cluster knows. */
    static int cores(String master) {
        if (master.equals("local")) return 1;
        if (master.startsWith("local[")) {
            String n = master.substring(6, master.indexOf(']') > 0 ? master.indexOf(']') : master.length())
                    .split(",")[0];
            if (n.equals("*")) return java.lang.Runtime.getRuntime().availableProcessors();
            try {
                return Integer.parseInt(n.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    String describe(String master) {
        if (points == 0) return "nothing to run";
        String perPoint = String.format(Locale.ROOT, "%.1f ms per point (mean of %d probes)", totalMs / points, probes);
        String serial = Durations.format(Duration.ofMillis((long) totalMs));
        int cores = cores(master);
        if (cores > 0) {
            Duration d = Duration.ofMillis((long) (totalMs / cores + SPARK_START_MS));
            return perPoint + "; about " + Durations.format(d) + " on " + master + " (" + cores + " cores, " + serial
                    + " of runs + Spark's start)";
        }
        return perPoint + "; " + serial + " of runs in all: divide by the cluster's cores";
    }
}
