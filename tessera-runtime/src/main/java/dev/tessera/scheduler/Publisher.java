package dev.tessera.scheduler;

import dev.tessera.dispatch.DispatchOptions;
import dev.tessera.dispatch.Mechanism;
import dev.tessera.platform.Actor;
import dev.tessera.platform.CorePort;

/**
 * How a scheduler's register writes reach its cores once a payload is prepared: each at once, or
 * kept and written together at the end of a pop. The register write is what starts a core, so this
 * decides how far apart the blocks of one pop start (#989 measured ~6 µs per thread before its
 * burst, ~60 ns after). Owned by one scheduler thread.
 */
interface Publisher {
    /** A prepared subtask: write {@code token} to {@code port} now, or keep it for {@link #flush}. */
    void post(Actor payer, CorePort port, int token);

    /** Writes every kept token, in the order they were prepared; nothing if none is kept. */
    void flush(Actor payer);

    /**
     * Writes {@code count} tokens of a sync-start cohort that must start together: the launcher
     * prepared them all first, so only the writes are left.
     */
    void postAll(Actor payer, CorePort[] ports, int[] tokens, int count);

    /** The publisher the options ask for: #827's fenced writes, #881's bare writes, or #989's bursts. */
    static Publisher of(DispatchOptions options, int capacity) {
        if (options.has(Mechanism.BURST_PUBLISH)) return new BurstPublisher(capacity);
        return options.has(Mechanism.BARE_WRITES) ? new BareWrites() : new FencedWrites();
    }
}
