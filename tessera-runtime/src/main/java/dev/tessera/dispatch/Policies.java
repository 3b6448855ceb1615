package dev.tessera.dispatch;

import static dev.tessera.dispatch.Mechanism.BARE_WRITES;
import static dev.tessera.dispatch.Mechanism.BURST_PUBLISH;
import static dev.tessera.dispatch.Mechanism.DRAIN_LAYOUT;
import static dev.tessera.dispatch.Mechanism.EARLY_DISPATCH;
import static dev.tessera.dispatch.Mechanism.MIX_PRIORITY;
import static dev.tessera.dispatch.Mechanism.PARALLEL_CLAIM;
import static dev.tessera.dispatch.Mechanism.PEER_HANDOFF;
import static dev.tessera.dispatch.Mechanism.SHARED_READY;
import static dev.tessera.dispatch.Mechanism.SPLIT_LAUNCH;
import static dev.tessera.dispatch.Mechanism.SYNC_LANES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The named policies, in the order {@code list --policies} prints them: the reference before #827,
 * at #827, at its HEAD (workloads.md §B.3), and Tessera's own. Toggles ({@link DispatchOptions#withToggle}) make
 * any other combination.
 */
public final class Policies {
    public static final NamedPolicy SERIAL = new NamedPolicy(
            "serial",
            "before PR #827: one scheduler fills all its cores one block at a time, then re-queues (the staircase of issue #818)",
            Set.of());
    public static final NamedPolicy PARALLEL = new NamedPolicy(
            "parallel",
            "PR #827: claim a block range, re-queue the rest at once, dispatch with explicit block indices",
            Set.of(PARALLEL_CLAIM));
    public static final NamedPolicy HEAD = new NamedPolicy(
            "head",
            "the reference's current dispatch: #827 plus bare writes, burst publish, shared ready queues, MIX priority"
                    + " with the pending-slot rule, sync-start lanes, early dispatch, the drain's payload layout",
            Set.of(
                    PARALLEL_CLAIM,
                    BARE_WRITES,
                    BURST_PUBLISH,
                    SHARED_READY,
                    MIX_PRIORITY,
                    SYNC_LANES,
                    EARLY_DISPATCH,
                    DRAIN_LAYOUT));

    public static final NamedPolicy HANDOFF = new NamedPolicy(
            "handoff",
            "Tessera's: head, with each wide task's blocks claimed for the peers' idle cores in one claim and handed to them"
                    + " directly (peer-handoff)",
            headWith(PEER_HANDOFF));

    public static final NamedPolicy SPLIT = new NamedPolicy(
            "split",
            "Tessera's: head, with each sync-start cohort prepared by every scheduler on its own set-aside cores in"
                    + " parallel and published in one burst (split-launch)",
            headWith(SPLIT_LAUNCH));

    /** Tessera's own policies are {@code head} plus one mechanism: what they add is then all they change. */
    private static Set<Mechanism> headWith(Mechanism added) {
        EnumSet<Mechanism> set = EnumSet.copyOf(HEAD.mechanisms());
        set.add(added);
        return set;
    }

    private static final List<NamedPolicy> ALL = List.of(SERIAL, PARALLEL, HEAD, HANDOFF, SPLIT);

    private Policies() {}

    public static List<NamedPolicy> all() {
        return ALL;
    }

    public static Optional<NamedPolicy> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name().equals(n)).findFirst();
    }

    /** The named policy's options; an unknown name is an error that lists the known ones. */
    public static DispatchOptions parse(String name) {
        return byName(name)
                .orElseThrow(() ->
                        new IllegalArgumentException("unknown dispatch policy '" + name.trim() + "': use " + names()))
                .options();
    }

    /** {@code policy} with every {@code NAME=on|off} toggle applied in order. */
    public static DispatchOptions parse(String policy, List<String> toggles) {
        DispatchOptions o = parse(policy);
        for (String t : toggles) o = o.withToggle(t);
        return o;
    }

    /**
     * A policy with its toggles in one word, as {@code compare --policies} takes them:
     * {@code head:burst-publish=off:mix-priority=off}.
     */
    public static DispatchOptions parseSpec(String spec) {
        String[] parts = spec.split(":");
        return parse(parts[0], java.util.Arrays.asList(parts).subList(1, parts.length));
    }

    /** Known names, comma separated. */
    public static String names() {
        return ALL.stream().map(NamedPolicy::name).collect(Collectors.joining(", "));
    }

    /**
     * What {@code list --policies} prints: one line per policy, its name first, then what it does
     * and its mechanisms; then one line per mechanism that {@code --dispatch-option} toggles.
     */
    public static List<String> listing() {
        int w = ALL.stream().mapToInt(p -> p.name().length()).max().orElse(0);
        int mw = Arrays.stream(Mechanism.values())
                .mapToInt(m -> m.key().length())
                .max()
                .orElse(0);
        List<String> lines = new ArrayList<>();
        for (NamedPolicy p : ALL) {
            String mech = p.options().mechanisms().stream().map(Mechanism::key).collect(Collectors.joining(", "));
            lines.add(String.format(
                    "%-" + w + "s  %s [%s]", p.name(), p.description(), mech.isEmpty() ? "no mechanism" : mech));
        }
        lines.add("");
        lines.add("mechanisms (--dispatch-option NAME=on|off):");
        for (Mechanism m : Mechanism.values()) {
            lines.add(String.format("  %-" + mw + "s  %s (%s)", m.key(), m.description(), m.reference()));
        }
        return lines;
    }
}
