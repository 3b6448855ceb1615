package dev.tessera.sweep.point;

import dev.tessera.examples.Example;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The options an example declares (its case among them) and the one place a point's option map is
 * checked against them and applied.
 *
 * <p>The Example API declares no options yet, so every example has none and any option is refused
 * with a clear message; the map travels with every point all the same, so that examples with
 * options (cases, variants) need only this class to change.
 */
public final class ExampleOptions {
    private ExampleOptions() {}

    /** Option name to its allowed values, as {@code example} declares them; empty when it has none. */
    public static SortedMap<String, List<String>> declared(Example example) {
        return new TreeMap<>();
    }

    /**
     * Checks that {@code example} has an option {@code name} that may take {@code value}; the
     * exception's message says what the example does take.
     */
    public static void check(Example example, String name, String value) {
        SortedMap<String, List<String>> known = declared(example);
        List<String> values = known.get(name);
        if (values == null) {
            throw new IllegalArgumentException(example.name() + " has no option '" + name + "'"
                    + (known.isEmpty() ? " (it declares none)" : "; its options are " + String.join(", ", known.keySet())));
        }
        if (!values.isEmpty() && !values.contains(value)) {
            throw new IllegalArgumentException("option '" + name + "' of " + example.name() + " cannot be '" + value
                    + "': use " + String.join(", ", values));
        }
    }

    /** {@code example} configured with {@code options}, checked first. */
    public static Example apply(Example example, Map<String, String> options) {
        options.forEach((k, v) -> check(example, k, v));
        return example;
    }
}
