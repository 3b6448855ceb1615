package dev.tessera.examples.run;

import dev.tessera.scheduler.SyncStartMode;
import java.util.List;
import java.util.Locale;

/** {@code reserve} and {@code freeze}: how the command line and sweep files name the {@link SyncStartMode}s. */
public final class SyncStartNames {
    /** The names, in the order help texts list them. */
    public static final List<String> NAMES = List.of("reserve", "freeze");

    private SyncStartNames() {}

    /** The mode called {@code name} (case and surrounding blanks do not matter); throws with the valid names. */
    public static SyncStartMode parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "reserve" -> SyncStartMode.RESERVE;
            case "freeze" -> SyncStartMode.FREEZE_ALL;
            default ->
                throw new IllegalArgumentException(
                        "unknown sync-start mode '" + name + "': use " + String.join(" or ", NAMES));
        };
    }

    public static String nameOf(SyncStartMode mode) {
        return switch (mode) {
            case RESERVE -> "reserve";
            case FREEZE_ALL -> "freeze";
        };
    }
}
