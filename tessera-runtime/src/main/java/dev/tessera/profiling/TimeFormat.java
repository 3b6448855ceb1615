package dev.tessera.profiling;

/** Exact decimal renderings of nanosecond times, so that exports never round or go scientific. */
final class TimeFormat {
    private TimeFormat() {}

    /** {@code 1234567} → {@code "1234.567"}: microseconds with exactly three decimals. */
    static String micros(long ns) {
        long abs = Math.abs(ns);
        long whole = abs / 1000, frac = abs % 1000;
        StringBuilder sb = new StringBuilder(24);
        if (ns < 0) sb.append('-');
        sb.append(whole).append('.');
        if (frac < 100) sb.append('0');
        if (frac < 10) sb.append('0');
        return sb.append(frac).toString();
    }
}
