package dev.tessera.sweep.spec;

import dev.tessera.examples.Example;
import dev.tessera.examples.Examples;
import dev.tessera.sweep.point.ExampleOptions;
import dev.tessera.sweep.point.Point;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code examples} key: names, or objects with a name, options and cases; every option value
 * is checked against what the example declares ({@link ExampleOptions}).
 */
final class ExampleEntries {
    private ExampleEntries() {}

    static List<SweepSpec.ExampleEntry> read(Node value, Where where) {
        List<SweepSpec.ExampleEntry> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<Node> items = value instanceof Node.Arr a ? a.items() : List.of(value);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            Where w = value instanceof Node.Arr ? where.item(i, item.line()) : where;
            SweepSpec.ExampleEntry e = item instanceof Node.Obj o ? exampleObject(o, w) : exampleName(item, w);
            if (!seen.add(e.name() + e.optionSets())) throw w.fail(e.name() + " is listed twice with the same options");
            out.add(e);
        }
        if (out.isEmpty()) throw where.fail("the list is empty: name at least one example");
        return out;
    }

    private static SweepSpec.ExampleEntry exampleName(Node item, Where w) {
        Example e = example(Values.string(item, w), w);
        return new SweepSpec.ExampleEntry(e.name(), List.of(new TreeMap<>()));
    }

    private static SweepSpec.ExampleEntry exampleObject(Node.Obj o, Where w) {
        Node.Entry nameEntry = o.entries().get("name");
        if (nameEntry == null) throw w.fail("an example object needs a \"name\"");
        Example e = example(
                Values.string(nameEntry.value(), w.child("name", nameEntry.keyLine())),
                w.child("name", nameEntry.keyLine()));
        Map<String, List<String>> axes = new TreeMap<>();
        for (Node.Entry entry : o.entries().values()) {
            Where ew = w.child(entry.key(), entry.keyLine());
            switch (entry.key()) {
                case "name" -> {}
                case "cases" -> axes.put(ExampleOptions.CASE, optionValues(e, ExampleOptions.CASE, entry.value(), ew));
                case "options" -> {
                    if (!(entry.value() instanceof Node.Obj opts))
                        throw ew.fail("expected an object of option: value(s), got "
                                + entry.value().kind());
                    for (Node.Entry opt : opts.entries().values()) {
                        Where ow = ew.child(opt.key(), opt.keyLine());
                        String name = opt.key().trim().toLowerCase(Locale.ROOT);
                        if (axes.containsKey(name)) {
                            throw ow.fail(
                                    name.equals(ExampleOptions.CASE) ? "given twice (also as cases)" : "given twice");
                        }
                        axes.put(name, optionValues(e, name, opt.value(), ow));
                    }
                }
                default -> throw ew.fail("unknown key of an example; use name, options, cases");
            }
        }
        List<SortedMap<String, String>> sets = Values.product(axes);
        for (SortedMap<String, String> set : sets) {
            // Each value is valid on its own; the example may still refuse a combination (a case and an override).
            try {
                ExampleOptions.resolve(e, set, true);
            } catch (IllegalArgumentException bad) {
                throw w.fail("options " + Point.format(set) + ": " + bad.getMessage());
            }
        }
        return new SweepSpec.ExampleEntry(e.name(), sets);
    }

    private static List<String> optionValues(Example e, String option, Node value, Where where) {
        return Values.each(value, where, (s, w) -> ExampleOptions.check(e, option, s));
    }

    private static Example example(String name, Where w) {
        return Examples.byName(name)
                .orElseThrow(() ->
                        w.fail("unknown example '" + name + "': use one of " + String.join(", ", Examples.names())));
    }
}
