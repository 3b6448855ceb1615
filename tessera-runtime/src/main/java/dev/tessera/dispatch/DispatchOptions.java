package dev.tessera.dispatch;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Which dispatch mechanisms are on: an immutable set of {@link Mechanism}s with the name of the
 * policy it came from and the toggles applied to it ({@code head} with {@code early-dispatch=off}
 * is named {@code head[early-dispatch=off]}), so traces and reports say exactly what ran.
 */
public final class DispatchOptions {
    private final String policy;
    private final EnumSet<Mechanism> on;
    private final String toggles;

    private DispatchOptions(String policy, EnumSet<Mechanism> on, String toggles) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.on = on;
        this.toggles = toggles;
    }

    /** The named combination {@code policy}: exactly {@code mechanisms} on. */
    public static DispatchOptions of(String policy, Collection<Mechanism> mechanisms) {
        EnumSet<Mechanism> set = EnumSet.noneOf(Mechanism.class);
        set.addAll(mechanisms);
        return new DispatchOptions(policy, set, "");
    }

    public boolean has(Mechanism m) {
        return on.contains(m);
    }

    /** The mechanisms that are on, in declaration order. */
    public Set<Mechanism> mechanisms() {
        return EnumSet.copyOf(on);
    }

    /** The policy this combination started from, without toggles. */
    public String policy() {
        return policy;
    }

    /** {@code policy}, or {@code policy[a=on,b=off]} when toggles changed it. */
    public String name() {
        return toggles.isEmpty() ? policy : policy + "[" + toggles + "]";
    }

    /** {@link #name()} as a file name: {@code head[burst-publish=off]} becomes {@code head-burst-publish-off}. */
    public String fileName() {
        return name().replace("[", "-").replace("]", "").replace("=", "-").replace(",", "-");
    }

    /** This combination with {@code m} switched on or off (recorded in {@link #name()} even if unchanged). */
    public DispatchOptions with(Mechanism m, boolean enabled) {
        EnumSet<Mechanism> set = EnumSet.copyOf(on);
        if (enabled) set.add(m);
        else set.remove(m);
        String t = m.key() + "=" + (enabled ? "on" : "off");
        return new DispatchOptions(policy, set, toggles.isEmpty() ? t : toggles + "," + t);
    }

    /**
     * Applies one toggle written {@code NAME=on|off} (also {@code true/false}, {@code 1/0}); the
     * message of a bad one lists what is valid.
     */
    public DispatchOptions withToggle(String toggle) {
        int eq = toggle.indexOf('=');
        if (eq < 0)
            throw new IllegalArgumentException(
                    "dispatch option '" + toggle + "' must be NAME=on or NAME=off; names: " + Mechanism.keys());
        String name = toggle.substring(0, eq);
        Mechanism m = Mechanism.byKey(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown dispatch option '" + name.trim() + "'; known: " + Mechanism.keys()));
        return with(m, parseSwitch(name.trim(), toggle.substring(eq + 1)));
    }

    private static boolean parseSwitch(String name, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default ->
                throw new IllegalArgumentException(
                        "dispatch option " + name + " takes on or off, got '" + value.trim() + "'");
        };
    }

    /** {@code name: a, b, c} (the mechanisms that are on). */
    public String describe() {
        StringJoiner j = new StringJoiner(", ", name() + ": ", "");
        j.setEmptyValue(name() + ": (none)");
        for (Mechanism m : on) j.add(m.key());
        return j.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DispatchOptions d
                && d.policy.equals(policy)
                && d.on.equals(on)
                && d.toggles.equals(toggles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, on, toggles);
    }

    @Override
    public String toString() {
        return describe();
    }
}
