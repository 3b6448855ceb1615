package dev.tessera.examples.run;

import dev.tessera.platform.Platform;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.scheduler.SyncStartMode;
import dev.tessera.topology.Topology;
import java.util.Locale;

/** Everything one run of an example is configured with. */
public record Settings(
        Platform platform,
        Topology topology,
        DispatchPolicy policy,
        SyncStartMode syncStart,
        long seed,
        boolean trace) {
    /** The same run under another dispatch policy. */
    public Settings withPolicy(DispatchPolicy p) {
        return new Settings(platform, topology, p, syncStart, seed, trace);
    }

    /** The same run on another platform (e.g. the sim under another cost model). */
    public Settings withPlatform(Platform p) {
        return new Settings(p, topology, policy, syncStart, seed, trace);
    }

    /** The same run with tracing on or off. */
    public Settings withTrace(boolean on) {
        return new Settings(platform, topology, policy, syncStart, seed, on);
    }

    /** The policy as the command line spells it: {@code serial}, {@code head[burst-publish=off]}. */
    public String policyName() {
        return policy.name().toLowerCase(Locale.ROOT);
    }

    /** The sync-start mode as the command line spells it: {@code reserve}, {@code freeze}. */
    public String syncStartName() {
        return SyncStartNames.nameOf(syncStart);
    }
}
