package dev.tessera.examples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The checked option values one instance of an {@link Example} is made with: every option the
 * example declares, from (lowest to highest precedence) its default, the chosen case and the values
 * the caller gave. {@link #resolve} refuses unknown cases, unknown options and values an option does
 * not accept with an {@link InvalidOptionException} whose message says what is valid, so a command
 * line or a sweep file fails before anything runs.
 *
 * <p>{@link #computes()} says whether the kernels will run. A timing study ({@code sim
 * --no-compute}) asks for an instance with {@link #timingOnly()}: the example may then leave its
 * inputs unfilled and shrink inputs that no task writes, as long as every task keeps the shapes and
 * scalars its kernels (and their duration rules) see and every tensor region the dependency tracking
 * sees; the caller does not verify such a run. This matters for the hardware-sized cases (paged
 * attention Case1 has a gigabyte of K/V cache).
 */
public final class Options {
    private final String example;
    private final String caseName;
    private final Map<String, String> values;
    private final boolean computes;

    private Options(String example, String caseName, Map<String, String> values, boolean computes) {
        this.example = example;
        this.caseName = caseName;
        this.values = Collections.unmodifiableMap(values);
        this.computes = computes;
    }

    /** A value the example cannot take: unknown case, option or value. The message says what is valid. */
    public static final class InvalidOptionException extends IllegalArgumentException {
        public InvalidOptionException(String message) {
            super(message);
        }
    }

    /** Every option at its default, no case. */
    public static Options defaults(Example e) {
        return resolve(e, null, Map.of());
    }

    /** The values of case {@code caseName} (null for none), overridden by {@code given}. */
    public static Options resolve(Example e, String caseName, Map<String, String> given) {
        Objects.requireNonNull(given, "given");
        Map<String, ExampleOption> byName = new LinkedHashMap<>();
        for (ExampleOption o : e.options()) byName.put(o.name(), o);
        Map<String, String> values = new LinkedHashMap<>();
        for (ExampleOption o : e.options()) values.put(o.name(), o.defaultValue());
        String chosen = null;
        if (caseName != null) {
            ExampleCase c =
                    findCase(e, caseName).orElseThrow(() -> new InvalidOptionException(unknownCase(e, caseName)));
            chosen = c.name();
            for (Map.Entry<String, String> v : c.values().entrySet()) {
                if (!byName.containsKey(v.getKey())) {
                    throw new IllegalStateException(
                            "case " + c.name() + " of " + e.name() + " sets unknown option " + v.getKey());
                }
                values.put(v.getKey(), v.getValue());
            }
        }
        for (Map.Entry<String, String> v : given.entrySet()) {
            String name = v.getKey().trim().toLowerCase(Locale.ROOT);
            ExampleOption o = byName.get(name);
            if (o == null) throw new InvalidOptionException(unknownOption(e, v.getKey()));
            String problem = o.check(v.getValue());
            if (problem != null) throw new InvalidOptionException(e.name() + ": " + problem);
            values.put(name, v.getValue());
        }
        for (ExampleOption o : e.options()) {
            String problem = o.check(values.get(o.name()));
            if (problem != null) throw new IllegalStateException(e.name() + ": " + problem);
            values.put(o.name(), o.normalise(values.get(o.name())));
        }
        Options options = new Options(e.name(), chosen, values, true);
        try {
            e.checkOptions(options);
        } catch (IllegalArgumentException bad) {
            throw new InvalidOptionException(e.name() + ": " + bad.getMessage());
        }
        return options;
    }

    /** The case of {@code e} called {@code name}, ignoring case. */
    public static Optional<ExampleCase> findCase(Example e, String name) {
        for (ExampleCase c : e.cases()) {
            if (c.name().equalsIgnoreCase(name.trim())) return Optional.of(c);
        }
        return Optional.empty();
    }

    private static String unknownCase(Example e, String name) {
        if (e.cases().isEmpty()) return "example " + e.name() + " has no cases (--case " + name + ")";
        List<String> names = new ArrayList<>();
        for (ExampleCase c : e.cases()) names.add(c.name());
        return "unknown case '" + name + "' for example " + e.name() + ": use one of " + String.join(", ", names);
    }

    private static String unknownOption(Example e, String name) {
        if (e.options().isEmpty()) return "example " + e.name() + " takes no options (got " + name + ")";
        List<String> names = new ArrayList<>();
        for (ExampleOption o : e.options()) names.add(o.name());
        return "unknown option '" + name + "' for example " + e.name() + ": use one of " + String.join(", ", names);
    }

    /** The same values for a run whose kernels do not execute (sim {@code --no-compute}). */
    public Options timingOnly() {
        return new Options(example, caseName, values, false);
    }

    /** False when the instance is made for a run whose kernels never execute. */
    public boolean computes() {
        return computes;
    }

    /** The chosen case's name as the example spells it, or null. */
    public String caseName() {
        return caseName;
    }

    /** Every option's value, in the example's declaration order. */
    public Map<String, String> values() {
        return values;
    }

    /** The value of option {@code name}, as text. */
    public String get(String name) {
        String v = values.get(name);
        if (v == null) throw new IllegalArgumentException(example + " has no option " + name);
        return v;
    }

    public int integer(String name) {
        return Math.toIntExact(Long.parseLong(get(name)));
    }

    public double number(String name) {
        return Double.parseDouble(get(name));
    }

    public int[] integers(String name) {
        String[] parts = get(name).split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = Math.toIntExact(Long.parseLong(parts[i]));
        return out;
    }

    /** {@code case Case1, variant=unroll, batch=256, ...}: for reports. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (caseName != null) sb.append("case ").append(caseName);
        values.forEach((k, v) -> {
            if (sb.length() > 0) sb.append(", ");
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Options other
                && example.equals(other.example)
                && Objects.equals(caseName, other.caseName)
                && values.equals(other.values)
                && computes == other.computes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(example, caseName, values, computes);
    }

    @Override
    public String toString() {
        return example + "[" + describe() + (computes ? "" : ", timing only") + "]";
    }
}
