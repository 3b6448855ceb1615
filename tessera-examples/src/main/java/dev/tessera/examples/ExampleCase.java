package dev.tessera.examples;

import java.util.Map;
import java.util.Objects;

/**
 * A named preset of option values of one {@link Example}, such as paged attention's {@code Case1}
 * (the reference's test cases keep their names). Options the case does not set keep their defaults;
 * options the caller sets override the case.
 *
 * @param name        as the reference spells it; matched without regard to case
 * @param description one line: what the case is and where it comes from
 * @param values      option name → value
 */
public record ExampleCase(String name, String description, Map<String, String> values) {
    public ExampleCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        values = Map.copyOf(values);
    }

    public static ExampleCase of(String name, String description, Map<String, String> values) {
        return new ExampleCase(name, description, values);
    }
}
