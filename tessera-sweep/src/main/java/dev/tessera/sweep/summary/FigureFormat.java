package dev.tessera.sweep.summary;

import java.util.Locale;

/** How a figure is shown: nanosecond figures in µs, percentages as they are, others as numbers. */
final class FigureFormat {
    private FigureFormat() {}

    /** {@code makespan (µs)}, {@code overheadPct_aic (%)}, {@code wallMs (ms)}. */
    static String title(String figure) {
        if (figure.endsWith("Ns")) return figure.substring(0, figure.length() - 2) + " (µs)";
        int ns = figure.indexOf("Ns_");
        if (ns > 0) return figure.substring(0, ns) + figure.substring(ns + 2) + " (µs)";
        if (figure.contains("Pct")) return figure + " (%)";
        if (figure.endsWith("Ms")) return figure + " (ms)";
        return figure;
    }

    /** The value in the unit of {@link #title}. */
    static double scale(String figure, double value) {
        return figure.endsWith("Ns") || figure.contains("Ns_") ? value / 1_000.0 : value;
    }

    /** Two decimals (so a column's points line up), four below 1, none from 100,000 on. */
    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 100_000) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 1 || a == 0) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String ratio(Double r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.3f", r);
    }
}
