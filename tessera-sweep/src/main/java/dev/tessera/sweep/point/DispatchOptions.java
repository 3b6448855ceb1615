package dev.tessera.sweep.point;

import dev.tessera.scheduler.DispatchPolicy;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dispatch mechanisms a point switches {@code on} or {@code off} on top of its policy. The runtime
 * has none yet (its policies are whole: serial, parallel), so any name is refused with a clear
 * message; the map travels with every point so that only this class changes when they exist.
 */
public final class DispatchOptions {
    private DispatchOptions() {}

    /** The mechanism names the runtime knows. */
    public static Set<String> known() {
        return new TreeSet<>();
    }

    /** Checks one {@code name=value}; the value must be {@code on} or {@code off}. */
    public static void check(String name, String value) {
        if (!known().contains(name)) {
            throw new IllegalArgumentException("unknown dispatch option '" + name + "'"
                    + (known().isEmpty()
                            ? " (the dispatch policies take none yet)"
                            : ": use " + String.join(", ", known())));
        }
        if (!value.equals("on") && !value.equals("off")) {
            throw new IllegalArgumentException("dispatch option '" + name + "' must be on or off, got '" + value + "'");
        }
    }

    /** The policy with these mechanisms switched; checked first. */
    public static DispatchPolicy apply(DispatchPolicy policy, Map<String, String> options) {
        options.forEach(DispatchOptions::check);
        return policy;
    }
}
