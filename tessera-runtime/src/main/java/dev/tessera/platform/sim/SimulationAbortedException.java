package dev.tessera.platform.sim;

/**
 * Thrown inside an actor's body when another body failed: the simulation unwinds every actor so
 * {@code execute} can return the original failure promptly instead of simulating on without it.
 */
public final class SimulationAbortedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulationAbortedException(String actor, Throwable cause) {
        super(
                actor + " stopped: "
                        + (cause == null ? "the run was abandoned" : "another actor failed (" + cause + ")"),
                null,
                false,
                false);
    }
}
