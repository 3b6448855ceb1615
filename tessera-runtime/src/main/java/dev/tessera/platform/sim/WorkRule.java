package dev.tessera.platform.sim;

import dev.tessera.api.Kernel;
import dev.tessera.api.KernelContext;
import dev.tessera.api.KernelWork;
import dev.tessera.api.TileKernel;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A kernel duration that grows with the block's work: {@code fixed + perMac·macs + perOp·vectorOps
 * + perByte·bytes} nanoseconds, rounded to the nearest nanosecond, where the work is what the
 * kernel reports ({@link TileKernel#work}). One rule therefore covers every tile shape of a kernel.
 *
 * <p>Text form (cost model files, {@code --cost}): a sum of a constant and terms
 * {@code COEFFICIENT*macs}, {@code COEFFICIENT*ops} and {@code COEFFICIENT*bytes}, e.g.
 * {@code kernel.name.pa_qk = 600 + 0.0005*macs + 0.02*bytes}. {@link #toString()} prints that form.
 *
 * @param fixedNs   per block, whatever its size: launch, pipeline fill, synchronisation
 * @param nsPerMac  per cube multiply-accumulate
 * @param nsPerOp   per vector element operation
 * @param nsPerByte per byte moved to or from global memory
 */
public record WorkRule(double fixedNs, double nsPerMac, double nsPerOp, double nsPerByte) implements KernelDuration {
    public WorkRule {
        for (double v : new double[] {fixedNs, nsPerMac, nsPerOp, nsPerByte}) {
            if (!(v >= 0) || Double.isInfinite(v))
                throw new IllegalArgumentException("work rule coefficients must be finite and ≥ 0, got " + v);
        }
    }

    /** The duration of {@code work}, in nanoseconds. */
    public long nanos(KernelWork work) {
        double ns = fixedNs + nsPerMac * work.macs() + nsPerOp * work.vectorOps() + nsPerByte * work.bytes();
        return Math.round(ns);
    }

    @Override
    public long nanos(Kernel kernel, KernelContext ctx) {
        if (!(kernel instanceof TileKernel tile)) {
            String name = kernel == null ? "<no kernel>" : kernel.name();
            throw new IllegalStateException("kernel " + name + " has a work-based duration rule (" + this
                    + ") but does not report its work: make it a TileKernel");
        }
        return nanos(tile.work(ctx));
    }

    /** This rule with every coefficient multiplied by {@code factor}. */
    public WorkRule scaled(double factor) {
        return new WorkRule(fixedNs * factor, nsPerMac * factor, nsPerOp * factor, nsPerByte * factor);
    }

    /** True when {@code text} is a work rule (it names a unit) rather than a plain number or list. */
    static boolean looksLikeRule(String text) {
        return text != null && text.chars().anyMatch(Character::isLetter);
    }

    /** Parses the text form; the message of a failure says what was expected. */
    public static WorkRule parse(String text) {
        double fixed = 0;
        double mac = 0;
        double op = 0;
        double bytes = 0;
        String t = text.replace(" ", "").toLowerCase(Locale.ROOT);
        if (t.isEmpty()) throw bad(text, "it is empty");
        for (String term : t.split("\\+", -1)) {
            if (term.isEmpty()) throw bad(text, "a '+' has no term");
            int star = term.indexOf('*');
            double c;
            try {
                c = Double.parseDouble(star < 0 ? term : term.substring(0, star));
            } catch (NumberFormatException e) {
                throw bad(text, "'" + term + "' is not NUMBER or NUMBER*UNIT");
            }
            if (star < 0) {
                fixed += c;
                continue;
            }
            switch (term.substring(star + 1)) {
                case "macs" -> mac += c;
                case "ops" -> op += c;
                case "bytes" -> bytes += c;
                default -> throw bad(text, "unknown unit in '" + term + "' (use macs, ops or bytes)");
            }
        }
        try {
            return new WorkRule(fixed, mac, op, bytes);
        } catch (IllegalArgumentException e) {
            throw bad(text, e.getMessage());
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("work rule '" + text + "' is invalid: " + why
                + "; write e.g. 600 + 0.0005*macs + 0.3*ops + 0.02*bytes");
    }

    @Override
    public String toString() {
        return plain(fixedNs) + " + " + plain(nsPerMac) + "*macs + " + plain(nsPerOp) + "*ops + " + plain(nsPerByte)
                + "*bytes";
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
