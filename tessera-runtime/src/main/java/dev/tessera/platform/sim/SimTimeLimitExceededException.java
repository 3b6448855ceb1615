package dev.tessera.platform.sim;

/**
 * An actor's simulated clock passed the session's time limit: the run is live-locked (actors keep
 * polling but nothing completes) or far longer than the limit allows.
 */
public final class SimTimeLimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long limitNs;

    SimTimeLimitExceededException(String actor, long clockNs, long limitNs, String lastOp) {
        super(actor + " reached simulated time " + clockNs + " ns, past the limit of " + limitNs + " ns, while " + lastOp
                + ": the run is probably live-locked (actors keep polling, nothing finishes); raise the limit with"
                + " SimPlatform.withTimeLimitNs if the workload really runs this long");
        this.limitNs = limitNs;
    }

    public long limitNs() {
        return limitNs;
    }
}
