package dev.tessera.sweep.point;

import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleCase;
import dev.tessera.examples.ExampleOption;
import dev.tessera.examples.Options;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A point's example options as one flat {@code name=value} map, the way a sweep file and the results
 * spell them: {@code case} picks one of the example's cases ({@code tessera run --case}), every other
 * name is an option the example declares ({@code --variant unroll}). This class checks such a map
 * against the example and turns it into the {@link Options} that {@code tessera run} would build from
 * the same command line, so a point runs exactly like the command.
 */
public final class ExampleOptions {
    /** The map key that names the case. */
    public static final String CASE = "case";

    private ExampleOptions() {}

    /**
     * Checks that {@code example} takes {@code value} for {@code name} ({@value #CASE} or one of its
     * options) and returns it spelt as the example spells it (case name as declared, choices
     * lower-case, numbers canonical), so that equal runs get equal point keys. The exception's
     * message says what the example does take.
     */
    public static String check(Example example, String name, String value) {
        if (name.equals(CASE)) {
            Optional<ExampleCase> c = Options.findCase(example, value);
            if (c.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (ExampleCase k : example.cases()) names.add(k.name());
                throw new IllegalArgumentException(
                        example.cases().isEmpty()
                                ? example.name() + " has no cases"
                                : "unknown case '" + value + "' of " + example.name() + ": use one of "
                                        + String.join(", ", names));
            }
            return c.get().name();
        }
        ExampleOption option = declared(example, name)
                .orElseThrow(() -> new IllegalArgumentException(example.name() + " has no option '" + name + "'"
                        + (example.options().isEmpty()
                                ? " (it declares none)"
                                : "; its options are " + String.join(", ", names(example)))));
        String problem = option.check(value);
        if (problem != null) throw new IllegalArgumentException(example.name() + ": " + problem);
        return option.normalise(value);
    }

    /**
     * The checked {@link Options} of {@code example} for {@code options}; with {@code compute} off,
     * the timing-only instance of {@code tessera run --no-compute}. Throws
     * {@link IllegalArgumentException} for a value or a combination the example refuses.
     */
    public static Options resolve(Example example, Map<String, String> options, boolean compute) {
        Map<String, String> given = new LinkedHashMap<>(options);
        String caseName = given.remove(CASE);
        Options resolved = Options.resolve(example, caseName, given);
        return compute ? resolved : resolved.timingOnly();
    }

    private static Optional<ExampleOption> declared(Example example, String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return example.options().stream().filter(o -> o.name().equals(n)).findFirst();
    }

    private static List<String> names(Example example) {
        List<String> names = new ArrayList<>();
        if (!example.cases().isEmpty()) names.add(CASE);
        for (ExampleOption o : example.options()) names.add(o.name());
        return names;
    }
}
