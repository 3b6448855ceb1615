package dev.tessera.sweep.summary;

import dev.tessera.sweep.point.Status;
import java.util.Locale;
import java.util.Map;

/**
 * The summary as a terminal shows it: a count of the points by status, then one table per figure
 * with a row per workload and policy: runs, ok runs (passed, or unchecked with compute off), median, p10, p90 and the ratio of the median to
 * the baseline policy's.
 */
public final class SummaryText {
    private SummaryText() {}

    public static String render(Summary s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.points()).append(" points: ").append(counts(s)).append('\n');
        int w = Math.max(
                8, s.workloads().stream().mapToInt(String::length).max().orElse(8));
        int pw =
                Math.max(6, s.policies().stream().mapToInt(String::length).max().orElse(6));
        String head = "%-" + w + "s  %-" + pw + "s %5s %5s %11s %11s %11s %8s%n";
        for (String f : s.figures()) {
            sb.append('\n')
                    .append(FigureFormat.title(f))
                    .append(": median [p10, p90] per workload and policy; ratio = median / ")
                    .append(s.baseline())
                    .append("'s median\n");
            sb.append(String.format(
                    Locale.ROOT, head, "workload", "policy", "runs", "ok", "median", "p10", "p90", "ratio"));
            for (String workload : s.workloads()) {
                boolean first = true;
                for (Map.Entry<String, Summary.Cell> e : s.cells().get(workload).entrySet()) {
                    Summary.Cell c = e.getValue();
                    Distribution d = c.figures().get(f);
                    sb.append(String.format(
                            Locale.ROOT,
                            head,
                            first ? workload : "",
                            e.getKey(),
                            c.points(),
                            c.ok(),
                            d == null ? "-" : FigureFormat.number(FigureFormat.scale(f, d.median())),
                            d == null ? "-" : FigureFormat.number(FigureFormat.scale(f, d.p10())),
                            d == null ? "-" : FigureFormat.number(FigureFormat.scale(f, d.p90())),
                            FigureFormat.ratio(c.ratios().get(f))));
                    first = false;
                }
            }
        }
        return sb.toString();
    }

    /** {@code 21 PASS, 0 FAIL, 1 ERROR, 0 TIMEOUT}: UNCHECKED only when some point is (compute off). */
    static String counts(Summary s) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (Map.Entry<Status, Integer> e : s.statusCounts().entrySet()) {
            if (e.getKey() != Status.UNCHECKED || e.getValue() > 0)
                parts.add(e.getValue() + " " + e.getKey().name());
        }
        return String.join(", ", parts);
    }
}
