package dev.tessera.examples;

import java.util.List;

/**
 * The outcome of comparing an example's output with its golden.
 *
 * @param checked          elements compared
 * @param mismatches       elements that differed
 * @param firstMismatches  the first few differences, in element order, for the report
 */
public record Verdict(long checked, long mismatches, List<Mismatch> firstMismatches) {
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

    public boolean passed() {
        return mismatches == 0;
    }

    /** {@code PASS} or {@code FAIL}, as printed by the CLI. */
    public String label() {
        return passed() ? "PASS" : "FAIL";
    }

    /** One line, plus one line per reported mismatch. */
    public String describe() {
        StringBuilder sb = new StringBuilder(label()).append(" (").append(checked).append(" elements checked");
        if (!passed()) sb.append(", ").append(mismatches).append(" differ");
        sb.append(')');
        for (Mismatch m : firstMismatches) sb.append(System.lineSeparator()).append("  ").append(m);
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
