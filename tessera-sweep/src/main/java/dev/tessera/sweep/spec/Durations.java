package dev.tessera.sweep.spec;

import java.time.Duration;
import java.util.Locale;

/** Point timeouts as written in sweep files and flags: {@code 90} (seconds), {@code 500ms}, {@code 90s}, {@code 5m}, {@code 1h}. */
public final class Durations {
    private Durations() {}

    public static Duration parse(String text, Where where) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long factorMs;
        String digits;
        if (t.endsWith("ms")) {
            factorMs = 1;
            digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            factorMs = 1_000;
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factorMs = 60_000;
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            factorMs = 3_600_000;
            digits = t.substring(0, t.length() - 1);
        } else {
            factorMs = 1_000;
            digits = t;
        }
        try {
            long n = Long.parseLong(digits.trim());
            if (n <= 0) throw where.fail("a timeout must be positive, got '" + text + "'");
            return Duration.ofMillis(Math.multiplyExact(n, factorMs));
        } catch (NumberFormatException | ArithmeticException e) {
            throw where.fail("'" + text + "' is not a duration: use e.g. 90s, 5m, 1h, 500ms, or a number of seconds");
        }
    }

    /** {@code 1h 2m 3s}, {@code 4m 05s}, {@code 12s}, {@code 0.4s}: short, for progress lines and estimates. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000) return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        long s = ms / 1000;
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }
}
