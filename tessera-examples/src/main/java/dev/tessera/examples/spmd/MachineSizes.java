package dev.tessera.examples.spmd;

import dev.tessera.topology.Topology;

/**
 * The machine sizes the SPMD task lists are derived from.
 *
 * <p>The reference tests were written for 24 clusters and 3 schedulers; their block counts are
 * multiples of what one scheduler owns (8 clusters, 16 AIV cores) and of the whole machine
 * (24 clusters, 48 AIV). {@link #forReferenceLists} describes a machine in those terms, and the
 * example planners write each block count as such a multiple ("one scheduler's clusters", "one and
 * a half schedulers' worth", ...), which reproduces the reference numbers exactly on a2a3 and keeps
 * the same boundary cases on smaller machines.
 *
 * @param clusters              clusters of the whole machine (one AIC + two AIV each)
 * @param clustersPerScheduler  clusters of the largest scheduler partition
 */
public record MachineSizes(int clusters, int clustersPerScheduler) {
    /** The reference tests' machine: a2a3, 24 clusters dealt to 3 schedulers. */
    public static final MachineSizes REFERENCE = of(Topology.a2a3());

    public MachineSizes {
        if (clusters < 1 || clustersPerScheduler < 1 || clustersPerScheduler > clusters) {
            throw new IllegalArgumentException(
                    "invalid sizes: " + clusters + " clusters, " + clustersPerScheduler + " per scheduler");
        }
    }

    /** The sizes of {@code topology} itself. */
    public static MachineSizes of(Topology topology) {
        // Scheduler 0 owns the largest share when the clusters do not divide evenly.
        return new MachineSizes(topology.clusters(), topology.clustersOf(0).length);
    }

    /**
     * The sizes to plan a reference test's task list with: a2a3's on any machine with at least its
     * 24 clusters, where every reference block count is valid as written; the machine's own below
     * that, where some of them would not fit a syncStart task.
     */
    public static MachineSizes forReferenceLists(Topology topology) {
        return topology.clusters() >= REFERENCE.clusters ? REFERENCE : of(topology);
    }

    public int aivCores() {
        return 2 * clusters;
    }

    public int aivPerScheduler() {
        return 2 * clustersPerScheduler;
    }

    /** Most blocks a syncStart task of {@code kind} may have: every block needs its own core at once. */
    public int syncLimit(SpmdKind kind) {
        return kind.placedOnClusters() ? clusters : aivCores();
    }

    /** {@code n} clamped into {@code [1, syncLimit(kind)]}. */
    public int fitSync(SpmdKind kind, int n) {
        return Math.max(1, Math.min(n, syncLimit(kind)));
    }

    /** A quarter of {@code n}, at least 1. */
    public static int quarter(int n) {
        return Math.max(1, n / 4);
    }

    /** Half of {@code n}, at least 1. */
    public static int half(int n) {
        return Math.max(1, n / 2);
    }

    /** Three quarters of {@code n}, at least 1. */
    public static int threeQuarters(int n) {
        return Math.max(1, 3 * n / 4);
    }

    /** One and a half times {@code n}, and always more than {@code n}: a width one scheduler cannot hold. */
    public static int oneAndAHalf(int n) {
        return n + half(n);
    }
}
