package dev.tessera.platform.threaded;

import dev.tessera.topology.Topology;
import java.util.Locale;

/**
 * How the threaded platform gives its cores CPU time.
 *
 * <ul>
 *   <li>{@link #pooled()}: a core is a small state machine (its registers plus idle / queued /
 *       running), run by a pool of one worker per CPU and by idle runtime threads that help. The
 *       thread count is CPUs + schedulers + 1 whatever the topology; a block may wait for a CPU
 *       after its dispatch, which the trace shows as a gap before its start.</li>
 *   <li>{@link #dedicated()}: a thread per core, as on the device; for hosts with a CPU per thread
 *       and for fidelity studies. Refused above {@link #maxDedicatedThreads(int)} threads.</li>
 *   <li>{@link #auto()} (the default): pooled whenever the run's threads (cores + schedulers +
 *       orchestrator) would outnumber the CPUs, else dedicated. The system property
 *       {@value #PROPERTY} ({@code pooled}, {@code pooled:N}, {@code dedicated}) overrides what
 *       {@code auto} picks, e.g. to run a test suite on both executors.</li>
 * </ul>
 *
 * @param kind    what to do
 * @param workers pool workers for {@link Kind#POOLED}; 0 means one per available CPU
 */
public record CoreExecutor(Kind kind, int workers) {
    /** System property that decides what {@link #auto()} means. */
    public static final String PROPERTY = "tessera.cores";

    public enum Kind {
        AUTO,
        POOLED,
        DEDICATED
    }

    public CoreExecutor {
        if (kind == null) throw new IllegalArgumentException("kind is null");
        if (workers < 0 || (kind != Kind.POOLED && workers != 0)) {
            throw new IllegalArgumentException(
                    "workers must be ≥ 0 and only given for pooled cores, got " + kind + " " + workers);
        }
    }

    public static CoreExecutor auto() {
        return new CoreExecutor(Kind.AUTO, 0);
    }

    /** Pooled cores with one worker per available CPU. */
    public static CoreExecutor pooled() {
        return new CoreExecutor(Kind.POOLED, 0);
    }

    /** Pooled cores with {@code workers} pool threads (≥ 1). */
    public static CoreExecutor pooled(int workers) {
        if (workers < 1) throw new IllegalArgumentException("a core pool needs at least 1 worker, got " + workers);
        return new CoreExecutor(Kind.POOLED, workers);
    }

    public static CoreExecutor dedicated() {
        return new CoreExecutor(Kind.DEDICATED, 0);
    }

    /** {@code auto}, {@code pooled}, {@code pooled:N} or {@code dedicated} (any case). */
    public static CoreExecutor parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("auto")) return auto();
        if (s.equals("pooled")) return pooled();
        if (s.equals("dedicated")) return dedicated();
        if (s.startsWith("pooled:")) {
            try {
                int workers = Integer.parseInt(s.substring("pooled:".length()));
                if (workers >= 1) return pooled(workers);
            } catch (NumberFormatException e) {
                // fall through to the message
            }
        }
        throw new IllegalArgumentException(
                "unknown core executor '" + spec + "': use pooled, pooled:N (N ≥ 1 workers), dedicated or auto");
    }

    /** Threads a dedicated run of {@code topology} needs: one per core, per scheduler, and the orchestrator. */
    public static long dedicatedThreads(Topology topology) {
        return (long) topology.cores() + topology.schedulers() + 1;
    }

    /**
     * The most threads a dedicated run may start on a machine with {@code cpus} CPUs. Beyond this
     * the threads mostly wait for each other (a2a3's 76 threads on 2 CPUs already do), the OS runs
     * out of threads or stack memory first, and pooled cores do the same work.
     */
    public static int maxDedicatedThreads(int cpus) {
        return Math.max(1024, 16 * cpus);
    }

    /** What this executor is for {@code topology} on {@code cpus} CPUs: POOLED (workers ≥ 1) or DEDICATED. */
    public CoreExecutor resolve(Topology topology, int cpus) {
        return switch (kind) {
            case DEDICATED -> this;
            case POOLED -> workers > 0 ? this : pooled(Math.max(1, cpus));
            case AUTO -> {
                String forced = System.getProperty(PROPERTY);
                if (forced != null && !forced.isBlank() && !forced.trim().equalsIgnoreCase("auto")) {
                    yield parse(forced).resolve(topology, cpus);
                }
                yield dedicatedThreads(topology) > cpus ? pooled(Math.max(1, cpus)) : dedicated();
            }
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case DEDICATED -> "dedicated";
            case POOLED -> workers == 0 ? "pooled" : "pooled:" + workers;
        };
    }
}
