package dev.tessera.cli;

import dev.tessera.platform.IdleStrategy;
import dev.tessera.platform.Platform;
import dev.tessera.platform.threaded.ThreadedPlatform;
import java.util.List;
import java.util.Locale;

/** The one place that turns a platform name into a {@link Platform}; {@code sim} joins here later. */
public final class Platforms {
    private Platforms() {}

    /** Platform names, in the order help texts list them. */
    public static List<String> names() {
        return List.of("threaded");
    }

    /** A fresh platform called {@code name}; throws with the valid names when there is none. */
    public static Platform byName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "threaded" -> new ThreadedPlatform(IdleStrategy.DEFAULT);
            default -> throw new IllegalArgumentException(
                    "unknown platform '" + name + "': use " + String.join(", ", names()));
        };
    }
}
