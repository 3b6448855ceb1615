package dev.tessera.sweep.spec;

import dev.tessera.sweep.point.Point;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * A checked sweep: the axes whose cartesian product is the set of points, and how to summarise
 * them. Every name in it is known to Tessera (checked when it was read), so its points can run.
 *
 * @param examples        each example with its option combinations (one empty map when it has none)
 * @param dispatchOptions combinations of dispatch mechanisms (one empty map when none are switched)
 * @param costs           cost variants: named sets of cost overrides ({@code preset}: none)
 * @param baseline        policy label the summary divides by
 * @param figures         numeric result columns the summary and the box plots show
 */
public record SweepSpec(
        String name,
        List<ExampleEntry> examples,
        List<String> policies,
        List<SortedMap<String, String>> dispatchOptions,
        List<String> topologies,
        List<String> syncStarts,
        List<Long> seeds,
        List<CostVariant> costs,
        List<String> platforms,
        boolean compute,
        Duration timeout,
        String baseline,
        List<String> figures) {

    /** An example and the combinations of its options to run. */
    public record ExampleEntry(String name, List<SortedMap<String, String>> optionSets) {
        public ExampleEntry {
            optionSets = List.copyOf(optionSets);
        }
    }

    /** A named set of {@code --cost KEY=NS} overrides. */
    public record CostVariant(String name, SortedMap<String, String> overrides) {}

    public SweepSpec {
        examples = List.copyOf(examples);
        policies = List.copyOf(policies);
        dispatchOptions = List.copyOf(dispatchOptions);
        topologies = List.copyOf(topologies);
        syncStarts = List.copyOf(syncStarts);
        seeds = List.copyOf(seeds);
        costs = List.copyOf(costs);
        platforms = List.copyOf(platforms);
        figures = List.copyOf(figures);
    }

    /** Example runs: examples times their option combinations. */
    public int exampleRuns() {
        return examples.stream().mapToInt(e -> e.optionSets().size()).sum();
    }

    /** Number of points, without building them. */
    public long size() {
        return (long) exampleRuns()
                * topologies.size()
                * syncStarts.size()
                * costs.size()
                * platforms.size()
                * seeds.size()
                * policies.size()
                * dispatchOptions.size();
    }

    /** {@code 3 examples × 2 policies × ... = 120 points}: how the count comes about. */
    public String shape() {
        List<String> parts = new ArrayList<>();
        parts.add(count(exampleRuns(), "example run", "example runs"));
        parts.add(count(policies.size(), "policy", "policies"));
        if (dispatchOptions.size() > 1)
            parts.add(count(dispatchOptions.size(), "dispatch option set", "dispatch option sets"));
        parts.add(count(topologies.size(), "topology", "topologies"));
        parts.add(count(syncStarts.size(), "sync-start mode", "sync-start modes"));
        parts.add(count(costs.size(), "cost variant", "cost variants"));
        if (platforms.size() > 1) parts.add(count(platforms.size(), "platform", "platforms"));
        parts.add(count(seeds.size(), "seed", "seeds"));
        return String.join(" × ", parts) + " = " + count(size(), "point", "points");
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /**
     * Every point, in a fixed order: example (and options), topology, sync-start mode, cost variant,
     * platform, seed, then policy and dispatch options innermost, so the runs a summary compares
     * are next to each other in the output.
     */
    public List<Point> points() {
        if (size() > Integer.MAX_VALUE) throw new IllegalStateException("too many points: " + size());
        List<Point> out = new ArrayList<>((int) size());
        long timeoutMs = timeout.toMillis();
        for (ExampleEntry e : examples) {
            for (SortedMap<String, String> options : e.optionSets()) {
                for (String topology : topologies) {
                    for (String syncStart : syncStarts) {
                        for (CostVariant cost : costs) {
                            for (String platform : platforms) {
                                for (long seed : seeds) {
                                    for (String policy : policies) {
                                        for (SortedMap<String, String> dispatch : dispatchOptions) {
                                            out.add(new Point(
                                                    out.size(),
                                                    e.name(),
                                                    options,
                                                    policy,
                                                    dispatch,
                                                    topology,
                                                    platform,
                                                    syncStart,
                                                    seed,
                                                    cost.name(),
                                                    cost.overrides(),
                                                    compute,
                                                    timeoutMs));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
