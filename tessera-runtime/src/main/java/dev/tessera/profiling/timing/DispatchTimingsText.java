package dev.tessera.profiling.timing;

import dev.tessera.profiling.Trace;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console lines {@code run} and {@code compare} print for a {@link DispatchTimings}: one per figure. */
public final class DispatchTimingsText {
    private DispatchTimingsText() {}

    /**
     * One line per figure, each summarised as mean, max and count over its values (the
     * first-dispatch stagger, one value per run, as itself); gaps only for edges the run has.
     */
    public static String lines(DispatchTimings d) {
        StringBuilder sb = new StringBuilder();
        line(
                sb,
                "first-wave start span",
                Summary.of(d.recordedFirstWaveStartSpansNs()).text());
        line(sb, "first-pass start span", Summary.of(d.firstPassStartSpansNs()).text());
        line(
                sb,
                "first-dispatch stagger",
                d.firstDispatchStaggerNs() == Trace.NONE
                        ? "none"
                        : String.format(Locale.ROOT, "%.2f µs", d.firstDispatchStaggerNs() / 1e3));
        line(sb, "task dispatch stagger", Summary.of(d.taskDispatchStaggersNs()).text());
        line(sb, "sync-start drain", Summary.of(d.syncStartDrainsNs()).text());
        line(sb, "sync-start wait", Summary.of(d.syncStartWaitsNs()).text());
        line(sb, "sync-start burst", Summary.of(d.syncStartBurstsNs()).text());
        for (Map.Entry<Edge, List<Long>> g : d.gapsNs().entrySet()) {
            if (!g.getValue().isEmpty())
                line(sb, "gap " + g.getKey(), Summary.of(g.getValue()).text());
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "%-24s %s%n", label, value));
    }
}
