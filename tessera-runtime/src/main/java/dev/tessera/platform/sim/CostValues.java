package dev.tessera.platform.sim;

/**
 * Reads the text of one cost model value: a whole number of nanoseconds, or for a kernel key a
 * comma list (one duration per block index) or a {@link WorkRule}.
 *
 * <p>Apart from {@link CostModel} because the same text comes from three places (a file, the
 * command line's {@code --cost KEY=VALUE}, a map of overrides) and must mean the same from each;
 * every error names the key and the text it could not read.
 */
final class CostValues {
    private CostValues() {}

    /** A whole number of nanoseconds in 0..{@link CostModel#MAX_NS}; {@code _} may group digits. */
    static long number(String key, String text) {
        String t = text == null ? "" : text.trim().replace("_", "");
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            if (t.matches("\\d+")) throw CostModel.tooLarge(key, t); // digits beyond a long: too large, not malformed
            throw new IllegalArgumentException(key + " must be a whole number of nanoseconds, got '" + text + "'", e);
        }
        if (v < 0) throw new IllegalArgumentException(key + " cannot be negative, got " + text);
        if (v > CostModel.MAX_NS) throw CostModel.tooLarge(key, t);
        return v;
    }

    /** A kernel duration: a work rule, a comma list indexed by block (cycled), or one number. */
    static KernelDuration duration(String key, String text) {
        if (WorkRule.looksLikeRule(text)) {
            try {
                return WorkRule.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }
        if (text != null && text.contains(",")) {
            String[] parts = text.split(",");
            long[] ns = new long[parts.length];
            for (int i = 0; i < parts.length; i++) ns[i] = number(key, parts[i]);
            return KernelDuration.perBlock(ns);
        }
        return KernelDuration.fixed(number(key, text));
    }
}
