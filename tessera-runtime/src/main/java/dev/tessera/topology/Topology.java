package dev.tessera.topology;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clusters of one AIC and two AIV cores, and the scheduler threads that own them.
 *
 * <p>Core numbering follows the reference simulator: AIC cores are {@code 0..C-1}; cluster
 * {@code c}'s vector cores are {@code C+2c} (AIV0) and {@code C+2c+1} (AIV1). Clusters are dealt to
 * schedulers round robin, whole clusters only; unlike the reference there is no 21-cluster ceiling
 * per scheduler.
 */
public record Topology(String name, int clusters, int schedulers) {
    private static final Pattern CUSTOM = Pattern.compile("(\\d+)x(\\d+)");

    public Topology {
        if (clusters < 1) throw new IllegalArgumentException("a topology needs at least one cluster, got " + clusters);
        if (schedulers < 1)
            throw new IllegalArgumentException("a topology needs at least one scheduler, got " + schedulers);
        if (schedulers > clusters) {
            throw new IllegalArgumentException(
                    schedulers + " schedulers for " + clusters + " clusters would leave a scheduler without cores");
        }
    }

    /** Ascend 910B-class device: 24 clusters, 4 AICPU threads = 3 schedulers + 1 orchestrator. */
    public static Topology a2a3() {
        return new Topology("a2a3", 24, 3);
    }

    /** Ascend 950-class device: 36 clusters, 3 schedulers by default. */
    public static Topology a5() {
        return a5(3);
    }

    /**
     * a5 with 1..6 schedulers, named {@code a5} with the default 3 and {@code a5:S} otherwise, so
     * runs on different a5 machines can be told apart in results and traces.
     */
    public static Topology a5(int schedulers) {
        if (schedulers < 1 || schedulers > 6)
            throw new IllegalArgumentException("a5 runs 1..6 schedulers, got " + schedulers);
        return new Topology(schedulers == 3 ? "a5" : "a5:" + schedulers, 36, schedulers);
    }

    /** The device family the topology models: {@code a2a3}, {@code a5}, or null for host and custom ones. */
    public String device() {
        if (name.equals("a2a3")) return "a2a3";
        if (name.equals("a5") || name.startsWith("a5:")) return "a5";
        return null;
    }

    /**
     * Sized to this machine: one cluster per available CPU (at least 2) and one scheduler per four
     * CPUs, so the threaded platform has about as many busy threads as the machine has cores.
     */
    public static Topology host() {
        int cpus = java.lang.Runtime.getRuntime().availableProcessors();
        int clusters = Math.max(2, cpus);
        int schedulers = Math.max(1, Math.min(clusters, cpus / 4));
        return new Topology("host", clusters, schedulers);
    }

    public static Topology custom(int clusters, int schedulers) {
        return new Topology(clusters + "x" + schedulers, clusters, schedulers);
    }

    /** Parses {@code a2a3}, {@code a5}, {@code a5:S}, {@code host} or {@code CxS}. */
    public static Topology parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "a2a3":
                return a2a3();
            case "a5":
                return a5();
            case "host":
                return host();
            default:
                break;
        }
        if (s.startsWith("a5:")) {
            return a5(Integer.parseInt(s.substring(3)));
        }
        Matcher m = CUSTOM.matcher(s);
        if (m.matches()) return custom(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        throw new IllegalArgumentException(
                "unknown topology '" + spec + "': use a2a3, a5, a5:S, host or CxS (C clusters, S schedulers)");
    }

    public int aicCores() {
        return clusters;
    }

    public int aivCores() {
        return 2 * clusters;
    }

    public int cores() {
        return 3 * clusters;
    }

    public int coreId(int cluster, Lane lane) {
        return switch (lane) {
            case AIC -> cluster;
            case AIV0 -> clusters + 2 * cluster;
            case AIV1 -> clusters + 2 * cluster + 1;
        };
    }

    public int clusterOf(int core) {
        return core < clusters ? core : (core - clusters) / 2;
    }

    public Lane laneOf(int core) {
        if (core < clusters) return Lane.AIC;
        return ((core - clusters) & 1) == 0 ? Lane.AIV0 : Lane.AIV1;
    }

    public CoreType typeOf(int core) {
        return core < clusters ? CoreType.AIC : CoreType.AIV;
    }

    public int schedulerOf(int cluster) {
        return cluster % schedulers;
    }

    /** Clusters owned by scheduler {@code s}, lowest first. */
    public int[] clustersOf(int s) {
        int n = (clusters - s + schedulers - 1) / schedulers;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = s + i * schedulers;
        return out;
    }

    /** Human-readable core label such as {@code AIC3} or {@code AIV7.1}. */
    public String coreLabel(int core) {
        int c = clusterOf(core);
        return switch (laneOf(core)) {
            case AIC -> "AIC" + c;
            case AIV0 -> "AIV" + c + ".0";
            case AIV1 -> "AIV" + c + ".1";
        };
    }

    @Override
    public String toString() {
        return name + " (" + clusters + " clusters = " + aicCores() + " AIC + " + aivCores() + " AIV, " + schedulers
                + " schedulers)";
    }
}
