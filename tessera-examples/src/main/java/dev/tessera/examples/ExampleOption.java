package dev.tessera.examples;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One named knob of an {@link Example}, such as paged attention's {@code variant} or bgemm's
 * {@code grid-k}: its name (as the command line spells it, without the dashes), what it does, its
 * default and which values it accepts. Values travel as text, so a command line, a sweep file and a
 * test all pass them the same way; {@link Options} checks them and hands them back typed.
 *
 * @param name         lower-case, dash-separated, e.g. {@code head-dim}
 * @param description  one line
 * @param defaultValue used when neither the case nor the caller sets the option
 * @param kind         what values are accepted
 * @param choices      the accepted values of a {@link Kind#CHOICE}; empty otherwise
 * @param min          smallest accepted integer of an {@link Kind#INTEGER} or {@link Kind#INTEGERS}
 * @param max          largest accepted integer of an {@link Kind#INTEGER} or {@link Kind#INTEGERS}
 */
public record ExampleOption(
        String name, String description, String defaultValue, Kind kind, List<String> choices, long min, long max) {
    /** What values an option accepts. */
    public enum Kind {
        /** One of a fixed list of words. */
        CHOICE,
        /** One whole number in {@code [min, max]}. */
        INTEGER,
        /** A comma-separated list of whole numbers, each in {@code [min, max]}. */
        INTEGERS,
        /** A positive, finite decimal number, such as a softmax scale. */
        NUMBER
    }

    public ExampleOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        if (!name.matches("[a-z][a-z0-9-]*"))
            throw new IllegalArgumentException("option name '" + name + "' must be lower-case, dash-separated");
        choices = List.copyOf(choices);
        String problem = check(name, kind, choices, min, max, defaultValue);
        if (problem != null) throw new IllegalArgumentException("default of option " + name + ": " + problem);
    }

    /** One of {@code choices}; the first is not special, {@code defaultValue} is. */
    public static ExampleOption choice(String name, String description, String defaultValue, String... choices) {
        return new ExampleOption(name, description, defaultValue, Kind.CHOICE, List.of(choices), 0, 0);
    }

    /** A whole number in {@code [min, max]}. */
    public static ExampleOption integer(String name, String description, long defaultValue, long min, long max) {
        return new ExampleOption(name, description, Long.toString(defaultValue), Kind.INTEGER, List.of(), min, max);
    }

    /** A comma-separated list of whole numbers, each in {@code [min, max]}. */
    public static ExampleOption integers(String name, String description, String defaultValue, long min, long max) {
        return new ExampleOption(name, description, defaultValue, Kind.INTEGERS, List.of(), min, max);
    }

    /** A positive, finite decimal number. */
    public static ExampleOption number(String name, String description, double defaultValue) {
        return new ExampleOption(name, description, Double.toString(defaultValue), Kind.NUMBER, List.of(), 0, 0);
    }

    /** Null if {@code value} is acceptable, else a message saying what is. */
    public String check(String value) {
        return check(name, kind, choices, min, max, value);
    }

    /** The value in its canonical spelling (choices lower-case, numbers without spaces); call after {@link #check}. */
    public String normalise(String value) {
        String v = value.trim();
        return switch (kind) {
            case CHOICE -> v.toLowerCase(Locale.ROOT);
            case INTEGER -> Long.toString(Long.parseLong(v.replace("_", "")));
            case INTEGERS ->
                String.join(
                        ",",
                        java.util.Arrays.stream(v.split(","))
                                .map(s -> Long.toString(Long.parseLong(s.trim().replace("_", ""))))
                                .toList());
            case NUMBER -> Double.toString(Double.parseDouble(v));
        };
    }

    /** What the option accepts, for help texts: {@code baseline|manual|unroll} or {@code 1..4096}. */
    public String valuesText() {
        return text(kind, choices, min, max);
    }

    private static String check(String name, Kind kind, List<String> choices, long min, long max, String value) {
        if (value == null || value.isBlank())
            return "option " + name + " needs a value (" + text(kind, choices, min, max) + ")";
        String v = value.trim();
        switch (kind) {
            case CHOICE -> {
                if (!choices.contains(v.toLowerCase(Locale.ROOT))) {
                    return "unknown value '" + value + "' for option " + name + ": use " + String.join(", ", choices);
                }
            }
            case INTEGER -> {
                return checkInteger(name, v, min, max);
            }
            case INTEGERS -> {
                for (String part : v.split(",", -1)) {
                    String problem = checkInteger(name, part.trim(), min, max);
                    if (problem != null) return problem;
                }
            }
            case NUMBER -> {
                double d;
                try {
                    d = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return "option " + name + " takes a number, got '" + v + "'";
                }
                if (!(d > 0) || Double.isInfinite(d))
                    return "option " + name + " must be a positive finite number, got " + v;
            }
        }
        return null;
    }

    private static String checkInteger(String name, String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            return "option " + name + " takes whole numbers, got '" + v + "'";
        }
        if (n < min || n > max) return "option " + name + " must be in " + min + ".." + max + ", got " + n;
        return null;
    }

    private static String text(Kind kind, List<String> choices, long min, long max) {
        return switch (kind) {
            case CHOICE -> String.join("|", choices);
            case INTEGER -> min + ".." + max;
            case INTEGERS -> "N[,N...] each " + min + ".." + max;
            case NUMBER -> "a positive number";
        };
    }
}
