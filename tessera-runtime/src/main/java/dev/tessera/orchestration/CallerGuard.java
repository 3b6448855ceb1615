package dev.tessera.orchestration;

import dev.tessera.errors.InvalidArgumentsException;

/**
 * Who may call an orchestrator: the thread running its orchestration function, while it runs, one
 * call at a time. Kept after the run, an orchestrator's scopes are gone (a submit would index a
 * scope that no longer exists); called from a kernel (another thread, or a kernel run by the
 * orchestrator's own thread while it waits), it would race the orchestrator or wait on itself.
 * Both are refused with a typed error instead.
 */
final class CallerGuard {
    /** The thread running the orchestration function. */
    private volatile Thread owner;
    /** The orchestration function has returned: the run is over, and the orchestrator with it. */
    private volatile boolean ended;
    /** A call is in progress on the owner thread: a second one can only come from a kernel run inside its wait. */
    private boolean inCall;

    void begin() {
        owner = Thread.currentThread();
    }

    void end() {
        ended = true;
    }

    /** Checks the caller of {@code call} without entering it (calls that never wait). */
    void check(String call) {
        if (ended) {
            throw new InvalidArgumentsException(
                    call + " on the orchestrator of a run that has ended: an Orchestrator is valid"
                            + " only inside the orchestration function given to Runtime.run, while that function runs");
        }
        Thread caller = Thread.currentThread();
        // No owner: not inside Runtime.run, but driven directly by an embedding harness (the
        // benchmarks' in-thread runtime), which calls from one thread and is its own guard.
        if (owner == null) return;
        if (caller != owner || inCall) {
            throw new InvalidArgumentsException(
                    call + " from "
                            + (caller == owner
                                    ? "inside another orchestrator call"
                                    : "thread '" + caller.getName() + "'")
                            + ": only the orchestration function may use the Orchestrator, on the thread"
                            + " that runs it; a kernel cannot submit tasks or open scopes (give the work to the orchestration instead)");
        }
    }

    /** Checks the caller, then marks a call in progress until {@link #exit()}. */
    void enter(String call) {
        check(call);
        inCall = true;
    }

    void exit() {
        inCall = false;
    }
}
