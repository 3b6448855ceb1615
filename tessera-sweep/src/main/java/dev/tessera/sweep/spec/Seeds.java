package dev.tessera.sweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Seed lists: {@code 7}, {@code "1..50"}, {@code "1..10,20"}, or a list of those. */
final class Seeds {
    /** More seeds than this is a typo, not a sweep. */
    static final int MAX = 1_000_000;

    private Seeds() {}

    /** Adds the seeds {@code text} names ({@code N}, {@code A..B}, comma-separated) to {@code into}. */
    static void parse(String text, Where where, Set<Long> into) {
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) throw where.fail("empty seed in '" + text + "'");
            int dots = p.indexOf("..");
            if (dots < 0) {
                into.add(number(p, text, where));
            } else {
                long from = number(p.substring(0, dots).trim(), text, where);
                long to = number(p.substring(dots + 2).trim(), text, where);
                if (to < from) throw where.fail("seed range '" + p + "' runs backwards: write " + to + ".." + from);
                if (to - from >= MAX - into.size())
                    throw where.fail("seed range '" + p + "' has more than " + MAX + " seeds");
                for (long s = from; s <= to; s++) into.add(s);
            }
            if (into.size() > MAX) throw where.fail("more than " + MAX + " seeds");
        }
    }

    static List<Long> parse(String text, Where where) {
        Set<Long> seeds = new LinkedHashSet<>();
        parse(text, where, seeds);
        return new ArrayList<>(seeds);
    }

    private static long number(String s, String whole, Where where) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw where.fail(
                    "'" + s + "' in '" + whole + "' is not a seed: use N, A..B, or a comma list of those (e.g. 1..50)");
        }
    }
}
