package dev.tessera.sweep.summary;

import dev.tessera.sweep.point.Point;
import dev.tessera.sweep.point.Status;
import dev.tessera.sweep.results.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's results reduced to what a reader compares: for each workload (example, its options,
 * topology, sync-start mode, cost variant, platform) and each policy, how many points ran and
 * passed, and for each chosen figure the distribution over the remaining axes (the seeds) and the
 * ratio of its median to the baseline policy's median on the same workload.
 */
public record Summary(
        List<String> figures,
        String baseline,
        List<String> workloads,
        List<String> policies,
        Map<String, Map<String, Cell>> cells,
        Map<Status, Integer> statusCounts,
        int points) {

    /**
     * One workload under one policy: its points, how many were {@linkplain Status#ok() ok} (passed,
     * or unchecked with compute off), failed their golden, or did not finish (errors and timeouts).
     * {@code figures} holds only figures with at least one value.
     */
    public record Cell(
            int points,
            int ok,
            int failed,
            int errors,
            Map<String, Distribution> figures,
            Map<String, Double> ratios) {}

    /** Summarises {@code rows} (in any order: they are sorted by their index). */
    public static Summary of(List<Row> rows, List<String> figures, String baseline) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(r -> r.get("index") instanceof Long l ? l : 0L));
        Set<String> workloads = new LinkedHashSet<>();
        Set<String> policies = new LinkedHashSet<>();
        Map<String, Map<String, List<Row>>> byWorkload = new LinkedHashMap<>();
        Map<Status, Integer> counts = new LinkedHashMap<>();
        for (Status s : Status.values()) counts.put(s, 0);
        for (Row r : sorted) {
            String w = workload(r);
            String p = Point.policyLabel(r.string("policy"), nullToEmpty(r.string("dispatchOptions")));
            workloads.add(w);
            policies.add(p);
            byWorkload
                    .computeIfAbsent(w, k -> new LinkedHashMap<>())
                    .computeIfAbsent(p, k -> new ArrayList<>())
                    .add(r);
            counts.merge(Status.valueOf(r.string("status")), 1, Integer::sum);
        }
        Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
        for (var w : byWorkload.entrySet()) {
            Map<String, Map<String, Distribution>> dists = new LinkedHashMap<>();
            for (var p : w.getValue().entrySet()) dists.put(p.getKey(), distributions(p.getValue(), figures));
            Map<String, Distribution> base = dists.getOrDefault(baseline, Map.of());
            Map<String, Cell> row = new LinkedHashMap<>();
            for (var p : w.getValue().entrySet()) {
                Map<String, Distribution> d = dists.get(p.getKey());
                Map<String, Double> ratios = new LinkedHashMap<>();
                for (String f : figures) {
                    Distribution mine = d.get(f), theirs = base.get(f);
                    if (mine != null && theirs != null && theirs.median() != 0)
                        ratios.put(f, mine.median() / theirs.median());
                }
                row.put(p.getKey(), cell(p.getValue(), d, ratios));
            }
            cells.put(w.getKey(), row);
        }
        return new Summary(
                List.copyOf(figures),
                baseline,
                List.copyOf(workloads),
                List.copyOf(policies),
                cells,
                counts,
                rows.size());
    }

    /**
     * How the summary names a workload: the example and its options, then the topology, then only
     * what differs from the defaults (sync-start reserve, preset costs, sim, compute on).
     */
    public static String workload(Row r) {
        StringBuilder sb = new StringBuilder(r.string("example"));
        String options = nullToEmpty(r.string("options"));
        if (!options.isEmpty()) sb.append(" [").append(options).append(']');
        sb.append(' ').append(r.string("topology"));
        if (!"reserve".equals(r.string("syncStart"))) sb.append(" sync=").append(r.string("syncStart"));
        if (!"preset".equals(r.string("costs"))) sb.append(" costs=").append(r.string("costs"));
        if (!"sim".equals(r.string("platform"))) sb.append(' ').append(r.string("platform"));
        if (Boolean.FALSE.equals(r.get("compute"))) sb.append(" no-compute");
        return sb.toString();
    }

    private static Map<String, Distribution> distributions(List<Row> rows, List<String> figures) {
        Map<String, Distribution> out = new LinkedHashMap<>();
        for (String f : figures) {
            double[] values = rows.stream()
                    .filter(r -> Status.valueOf(r.string("status")).finished())
                    .map(r -> r.number(f))
                    .filter(v -> v != null)
                    .mapToDouble(Double::doubleValue)
                    .toArray();
            if (values.length > 0) out.put(f, new Distribution(values));
        }
        return out;
    }

    private static Cell cell(List<Row> rows, Map<String, Distribution> d, Map<String, Double> ratios) {
        int ok = 0, failed = 0, errors = 0;
        for (Row r : rows) {
            switch (Status.valueOf(r.string("status"))) {
                case PASS, UNCHECKED -> ok++;
                case FAIL -> failed++;
                case ERROR, TIMEOUT -> errors++;
            }
        }
        return new Cell(rows.size(), ok, failed, errors, d, ratios);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Whether every point was ok: passed, or unchecked because its kernels did not run. */
    public boolean allOk() {
        return statusCounts.get(Status.PASS) + statusCounts.get(Status.UNCHECKED) == points;
    }
}
