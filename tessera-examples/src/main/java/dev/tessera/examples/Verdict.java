package dev.tessera.examples;

import java.util.List;

/**
 * The outcome of comparing an example's output with its golden.
 *
 * @param checked          elements compared
 * @param mismatches       elements that differed
 * @param firstMismatches  the first few differences, in element order, for the report
 * @param notChecked       why the output was not compared at all (kernels did not run), or null
 */
public record Verdict(long checked, long mismatches, List<Mismatch> firstMismatches, String notChecked) {
    /** One element that differs from the golden. */
    public record Mismatch(String tensor, long index, double expected, double actual) {
        @Override
        public String toString() {
            return tensor + "[" + index + "]: expected " + expected + ", got " + actual;
        }
    }

    public Verdict {
        firstMismatches = List.copyOf(firstMismatches);
    }

    /** A comparison that was made. */
    public Verdict(long checked, long mismatches, List<Mismatch> firstMismatches) {
        this(checked, mismatches, firstMismatches, null);
    }

    /**
     * No comparison: the kernels did not run ({@code sim --no-compute}), so the output says nothing.
     * Such a run is a timing study; it neither passes nor fails.
     */
    public static Verdict notChecked(String why) {
        return new Verdict(0, 0, List.of(), java.util.Objects.requireNonNull(why, "why"));
    }

    /** True when the output was compared. */
    public boolean wasChecked() {
        return notChecked == null;
    }

    /** True when the output was compared and every element matched. */
    public boolean passed() {
        return notChecked == null && mismatches == 0;
    }

    /** {@code PASS}, {@code FAIL} or {@code NOT CHECKED}, as printed by the CLI. */
    public String label() {
        if (notChecked != null) return "NOT CHECKED";
        return passed() ? "PASS" : "FAIL";
    }

    /** One line, plus one line per reported mismatch. */
    public String describe() {
        if (notChecked != null) return label() + " (" + notChecked + ")";
        StringBuilder sb =
                new StringBuilder(label()).append(" (").append(checked).append(" elements checked");
        if (!passed()) sb.append(", ").append(mismatches).append(" differ");
        sb.append(')');
        for (Mismatch m : firstMismatches)
            sb.append(System.lineSeparator()).append("  ").append(m);
        return sb.toString();
    }

    /** Combines the verdicts of several tensors of one example. */
    public static Verdict merge(List<Verdict> parts) {
        long checked = 0;
        long bad = 0;
        List<Mismatch> first = new java.util.ArrayList<>();
        for (Verdict v : parts) {
            checked += v.checked;
            bad += v.mismatches;
            for (Mismatch m : v.firstMismatches) {
                if (first.size() < Golden.REPORTED_MISMATCHES) first.add(m);
            }
        }
        return new Verdict(checked, bad, first);
    }
}
