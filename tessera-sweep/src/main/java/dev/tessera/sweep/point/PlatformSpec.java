package dev.tessera.sweep.point;

import dev.tessera.examples.run.Platforms;
import dev.tessera.platform.threaded.CoreExecutor;

/**
 * A point's platform as a sweep spells it: {@code sim}, or {@code threaded} with an optional
 * {@code :CORES} ({@code threaded:pooled}, {@code threaded:pooled:2}, {@code threaded:dedicated}),
 * which is {@code tessera run --platform threaded --cores CORES}; plain {@code threaded} is
 * {@code --cores auto}. One string, so the core executor is part of the point's identity and of its
 * workload without another column.
 */
public final class PlatformSpec {
    private PlatformSpec() {}

    /** The canonical spelling of {@code spec}; throws with what is valid. */
    public static String canonical(String spec) {
        String name = Platforms.canonicalName(name(spec));
        CoreExecutor cores = cores(spec);
        if (cores == null) return name;
        if (!name.equals("threaded")) {
            throw new IllegalArgumentException(
                    "'" + spec.trim() + "': only threaded takes cores (threaded:pooled, threaded:dedicated, ...)");
        }
        return cores.kind() == CoreExecutor.Kind.AUTO ? name : name + ":" + cores;
    }

    /** The platform's name: {@code sim} or {@code threaded}. */
    public static String name(String spec) {
        int colon = spec.indexOf(':');
        return (colon < 0 ? spec : spec.substring(0, colon)).trim();
    }

    /** The core executor after the first {@code :}, or null when none is given. */
    public static CoreExecutor cores(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? null : CoreExecutor.parse(spec.substring(colon + 1));
    }
}
