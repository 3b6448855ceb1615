package dev.tessera.sweep;

import dev.tessera.sweep.point.PointResult;
import dev.tessera.sweep.spec.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of a running sweep: a bar, points done of the total, how many failed (FAIL, ERROR or TIMEOUT),
 * the rate and an ETA. On a terminal it redraws one line at most a few times a second; otherwise
 * (a log, CI) it prints a line at every tenth of the sweep and at least every 30 seconds.
 */
final class Progress {
    private static final int BAR = 28;
    private static final long REDRAW_NS = 250_000_000L;
    private static final long LOG_NS = 30_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final int total;
    private final LongSupplier clock;
    private final long startNs;
    private int done;
    private int failed;
    private long lastPrintNs;
    private int lastDecile;

    Progress(PrintWriter out, boolean terminal, int total, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.clock = clock;
        this.startNs = clock.getAsLong();
        this.lastPrintNs = startNs;
    }

    void add(PointResult r) {
        done++;
        if (!r.status().ok()) failed++;
        long now = clock.getAsLong();
        int decile = total == 0 ? 10 : done * 10 / total;
        if (terminal
                ? now - lastPrintNs >= REDRAW_NS || done == total
                : decile > lastDecile || now - lastPrintNs >= LOG_NS || done == total) {
            print(now);
            lastPrintNs = now;
            lastDecile = decile;
        }
    }

    /** Ends the progress line (a terminal's line is redrawn in place until then). */
    void finish() {
        if (terminal && done > 0) out.println();
        out.flush();
    }

    String line(long now) {
        double elapsedS = (now - startNs) / 1e9;
        int filled = total == 0 ? BAR : (int) ((long) done * BAR / total);
        StringBuilder sb = new StringBuilder("[");
        sb.append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
        sb.append(done)
                .append('/')
                .append(total)
                .append(" done, ")
                .append(failed)
                .append(" failed");
        if (done > 0 && elapsedS > 0) {
            double rate = done / elapsedS;
            sb.append(String.format(Locale.ROOT, ", %.1f points/min", rate * 60));
            if (done < total)
                sb.append(", ETA ").append(Durations.format(Duration.ofMillis((long) ((total - done) / rate * 1000))));
            else sb.append(", took ").append(Durations.format(Duration.ofMillis((long) (elapsedS * 1000))));
        }
        return sb.toString();
    }

    private void print(long now) {
        if (terminal) {
            out.print("\r" + line(now) + "\u001b[K");
        } else {
            out.println(line(now));
        }
        out.flush();
    }
}
