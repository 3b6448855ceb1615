package dev.tessera.sweep.point;

import dev.tessera.dispatch.Mechanism;
import dev.tessera.scheduler.DispatchPolicy;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Dispatch mechanisms a point switches {@code on} or {@code off} on top of its policy: the
 * runtime's {@link Mechanism}s by their command-line names ({@code burst-publish=off}), exactly as
 * {@code tessera run --dispatch-option} takes them.
 */
public final class DispatchOptions {
    private DispatchOptions() {}

    /** The mechanism names the runtime knows. */
    public static Set<String> known() {
        return Arrays.stream(Mechanism.values()).map(Mechanism::key).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Checks one {@code name=value}; the value must be {@code on} or {@code off}. */
    public static void check(String name, String value) {
        if (!known().contains(name)) {
            throw new IllegalArgumentException(
                    "unknown dispatch option '" + name + "': use " + String.join(", ", known()));
        }
        if (!value.equals("on") && !value.equals("off")) {
            throw new IllegalArgumentException("dispatch option '" + name + "' must be on or off, got '" + value + "'");
        }
    }

    /** The policy with these mechanisms switched (named after both, e.g. {@code head[burst-publish=off]}); checked first. */
    public static DispatchPolicy apply(DispatchPolicy policy, Map<String, String> options) {
        options.forEach(DispatchOptions::check);
        if (options.isEmpty()) return policy;
        dev.tessera.dispatch.DispatchOptions o = policy.options();
        for (Map.Entry<String, String> e : options.entrySet()) o = o.withToggle(e.getKey() + "=" + e.getValue());
        return DispatchPolicy.of(o);
    }
}
