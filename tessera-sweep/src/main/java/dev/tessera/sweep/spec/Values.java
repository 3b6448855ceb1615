package dev.tessera.sweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reading the values of a sweep file: scalars, lists of them, and their combinations. */
final class Values {
    private Values() {}

    interface Check {
        String apply(String value, Where where);
    }

    /** A scalar or a list of scalars, each checked by {@code check} (whose IllegalArgumentException becomes the error); no duplicates. */
    static List<String> each(Node value, Where where, Check check) {
        List<Node> items = value instanceof Node.Arr a ? a.items() : List.of(value);
        Map<String, Where> out = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            Where w = value instanceof Node.Arr ? where.item(i, item.line()) : where;
            String checked;
            try {
                checked = check.apply(scalarText(item, w), w);
            } catch (IllegalArgumentException e) {
                throw w.fail(e.getMessage());
            }
            if (out.containsKey(checked)) throw w.fail("'" + checked + "' is listed twice");
            out.put(checked, w);
        }
        if (out.isEmpty()) throw where.fail("the list is empty");
        return new ArrayList<>(out.keySet());
    }

    static String scalarText(Node n, Where w) {
        if (n instanceof Node.Scalar s && s.value() != null) return s.text();
        throw w.fail("expected a name or a number, got " + n.kind());
    }

    static String string(Node n, Where w) {
        if (n instanceof Node.Scalar s && s.value() instanceof String str) return str;
        throw w.fail("expected a string, got " + n.kind());
    }

    static boolean bool(Node n, Where w) {
        if (n instanceof Node.Scalar s && s.value() instanceof Boolean b) return b;
        throw w.fail("expected true or false, got " + n.kind());
    }

    /** Every combination of one value per key; one empty map for no keys. */
    static List<SortedMap<String, String>> product(Map<String, List<String>> axes) {
        List<SortedMap<String, String>> out = new ArrayList<>();
        out.add(new TreeMap<>());
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            List<SortedMap<String, String>> next = new ArrayList<>();
            for (SortedMap<String, String> partial : out) {
                for (String v : axis.getValue()) {
                    SortedMap<String, String> m = new TreeMap<>(partial);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }
}
