package dev.tessera.platform.sim;

/**
 * A simulated clock passed (or a dispatch would end past) the session's time limit: the run is
 * live-locked (actors keep polling but nothing completes), or longer than the limit allows.
 */
public final class SimTimeLimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** How to raise the limit, from the command line and from the API. */
    static final String HOW_TO_RAISE = "tessera: --sim-time-limit DURATION; API: Runtime.builder().simTimeLimit(...)"
            + " or SimPlatform.withTimeLimitNs";

    /**
     * Idle schedulers poll every {@code idle.cap} simulated ns (1 µs in the presets), so each
     * simulated second of a long kernel costs seconds of real time; polling less often does not
     * change when a FIN is seen (an idle actor wakes at its own cores' next status change).
     */
    static final String LONG_RUNS = "; a run of simulated seconds also runs faster with a larger idle.cap"
            + " (tessera: --cost idle.cap=10000000)";

    private final long limitNs;
    private final long neededNs;

    private SimTimeLimitExceededException(String message, long limitNs, long neededNs) {
        super(message);
        this.limitNs = limitNs;
        this.neededNs = neededNs;
    }

    /** An actor's clock moved past the limit while it charged or idled: nothing says how much more it needs. */
    static SimTimeLimitExceededException clockPassed(String actor, long clockNs, long limitNs, String lastOp) {
        return new SimTimeLimitExceededException(
                actor + " reached simulated time " + clockNs + " ns, past the limit of " + limitNs
                        + " ns (" + seconds(limitNs) + "), while " + lastOp
                        + ": the run is live-locked (actors keep polling, nothing"
                        + " finishes) or longer than the limit; if it really runs this long, raise the limit ("
                        + HOW_TO_RAISE + ")"
                        + (limitNs > 1_000_000_000L ? LONG_RUNS : ""),
                limitNs,
                -1);
    }

    /** A dispatch was posted whose block would end after the limit: the run cannot finish in time, so it stops at once. */
    static SimTimeLimitExceededException dispatchEndsLate(String what, long endNs, long limitNs) {
        return new SimTimeLimitExceededException(
                what + " would end at simulated time " + endNs + " ns, past the limit of " + limitNs
                        + " ns (" + seconds(limitNs)
                        + "), so the run cannot finish within it; raise the limit to at least "
                        + seconds(endNs) + " (" + HOW_TO_RAISE + ")" + (endNs > 1_000_000_000L ? LONG_RUNS : ""),
                limitNs,
                endNs);
    }

    public long limitNs() {
        return limitNs;
    }

    /** A simulated time the run needs at least (a dispatch's end), or -1 when unknown. */
    public long neededNs() {
        return neededNs;
    }

    /** {@code 10 s}, {@code 21 s}: whole seconds, rounded up, as {@code --sim-time-limit} accepts them. */
    static String seconds(long ns) {
        long s = ns / 1_000_000_000L + (ns % 1_000_000_000L == 0 ? 0 : 1);
        return s + " s";
    }
}
