package dev.tessera.dispatch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One dispatch mechanism that a policy switches on or off. Every mechanism after PR #827 is the
 * reference's own (workloads.md §B.2 names the PR, the problem and what it measured), except those
 * marked as Tessera's. A policy is a set of these ({@link DispatchOptions}); the scheduler asks the
 * set, it never compares policy names.
 */
public enum Mechanism {
    /**
     * #827: claim a contiguous block range, re-queue the remainder at once, then dispatch the
     * claimed blocks. Off: the popping scheduler fills every core it has one block at a time before
     * re-queuing (the staircase of issue #818).
     */
    PARALLEL_CLAIM(
            "parallel-claim",
            "#827",
            "claim a block range and re-queue the rest before dispatching, so every scheduler starts blocks of one task at once"),
    /** #881: a bare store after one store barrier instead of an accessor that fences both sides. */
    BARE_WRITES(
            "bare-writes",
            "#881",
            "write a dispatch register after one store barrier instead of between two full barriers"),
    /**
     * #989: prepare every block claimed in one pop (across the popped tasks), then one barrier and a
     * burst of register stores; per task when the pop holds a sync-start task; spill on overflow.
     */
    BURST_PUBLISH(
            "burst-publish",
            "#989",
            "prepare every block of a pop first, then one barrier and a burst of register stores (per task around a sync-start task)"),
    /** #1245: newly-ready tasks go straight to the shared per-shape queues, no thread-local buffers. */
    SHARED_READY(
            "shared-ready",
            "#1245",
            "route newly-ready tasks straight to the shared queues instead of a thread-local buffer"),
    /**
     * #855: MIX strict priority; pending slots only when no peer scheduler has an idle core of that
     * shape (an unsynchronised hint, as in the reference).
     */
    MIX_PRIORITY(
            "mix-priority",
            "#855",
            "MIX work first, and fill pending slots only when no peer scheduler has an idle core of that shape"),
    /** #1319: sync-start tasks wait in their own ready lanes, drained before any regular work. */
    SYNC_LANES(
            "sync-start-lanes", "#1319", "sync-start tasks in their own ready lanes, served before every regular task"),
    /**
     * #1079 and its follow-ups (#1269, #1288, #1292, #1297, #1326, #1812): consumers whose producers
     * are all flagged {@code earlyResolve} and fully published are staged gated on spare running or
     * pending registers, and started by a doorbell when their last producer completes.
     */
    EARLY_DISPATCH(
            "early-dispatch",
            "#1079",
            "stage consumers of fully published earlyResolve producers gated on spare slots; their last producer's completion rings them"),
    /**
     * #1328: a sync-start drain's payloads keep every per-dispatch control write in one cache line,
     * with the per-core constants prefilled at init, so the thread launching the cohort prepares
     * each block for about a third of the normal cost (a2a3: ~0.5 µs per three-core MIX block
     * instead of ~1.6). Charged as {@code cost.drain_payload_build} by every cohort launch that
     * drains (the stop-the-world launch, and {@link #SPLIT_LAUNCH}'s preparation); a cohort that fits
     * on its own scheduler's idle cores is placed the normal way.
     */
    DRAIN_LAYOUT(
            "drain-layout",
            "#1328",
            "prepare a sync-start drain's payloads with their control writes in one cache line and per-core"
                    + " constants prefilled (cost.drain_payload_build instead of cost.payload_build)"),
    /**
     * Tessera's: one claim sized to this scheduler's free targets plus every peer's idle ones, the
     * peers' ranges handed to them directly instead of re-queued for them to pop one after another.
     * Needs {@link #PARALLEL_CLAIM}.
     */
    PEER_HANDOFF(
            "peer-handoff",
            "Tessera",
            "claim blocks for the peers' idle cores too and hand them over directly, so all schedulers start a wide task at once"),
    /**
     * Tessera's: a sync-start cohort that needs several schedulers' cores is prepared by every
     * scheduler on its own set-aside cores, in parallel and as they go idle, instead of by one
     * thread for the whole machine with everyone stopped; whoever prepares the last block publishes
     * them all in one burst. RESERVE mode only (FREEZE_ALL stops everyone by definition).
     */
    SPLIT_LAUNCH(
            "split-launch",
            "Tessera",
            "each scheduler prepares a sync-start cohort's blocks on its own set-aside cores as they go idle; the last"
                    + " one publishes them all in one burst (instead of one thread preparing all with the world stopped)");

    private final String key;
    private final String reference;
    private final String description;

    Mechanism(String key, String reference, String description) {
        this.key = key;
        this.reference = reference;
        this.description = description;
    }

    /** The command-line name, e.g. {@code burst-publish}. */
    public String key() {
        return key;
    }

    /** Where it comes from: the reference's PR, or {@code Tessera}. */
    public String reference() {
        return reference;
    }

    /** One line: what it does. */
    public String description() {
        return description;
    }

    /** By command-line name or enum name, ignoring case and {@code _}/{@code -}. */
    public static Optional<Mechanism> byKey(String name) {
        String k = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(m -> m.key.equals(k)).findFirst();
    }

    /** Every command-line name, comma separated, for error messages. */
    public static String keys() {
        return Arrays.stream(values()).map(Mechanism::key).collect(Collectors.joining(", "));
    }
}
