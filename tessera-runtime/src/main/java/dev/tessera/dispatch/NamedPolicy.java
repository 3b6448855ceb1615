package dev.tessera.dispatch;

import java.util.Objects;
import java.util.Set;

/** A policy as users name it: its mechanisms and one line on what it is. */
public record NamedPolicy(String name, String description, Set<Mechanism> mechanisms) {
    public NamedPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        mechanisms = Set.copyOf(mechanisms);
    }

    /** Its mechanisms as options, named after it. */
    public DispatchOptions options() {
        return DispatchOptions.of(name, mechanisms);
    }
}
