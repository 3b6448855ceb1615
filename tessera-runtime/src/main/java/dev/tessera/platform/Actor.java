package dev.tessera.platform;

/**
 * A runtime thread of control (the orchestrator or one scheduler) as its platform sees it: it has a
 * clock, pays for what it does, and backs off when it has nothing to do.
 *
 * <p>On the sim platform {@link #charge} advances the actor's simulated clock and may hand control
 * to another actor whose clock is behind, so effects become visible to others in simulated-time
 * order. That gives the runtime's one rule for costed operations: <em>charge before the
 * effect</em>. Pay for an operation first, then do what others can observe (push a task, post a
 * token, notify a consumer), so that no actor whose clock is still before the operation's end
 * sees its result. Work nobody can see yet (filling a payload buffer before its token is posted)
 * may come before the charge. Never call {@code charge} or {@code idle} while holding a lock:
 * a sim actor handing the baton over inside a monitor would block every actor that needs it.
 */
public interface Actor {
    /** Nanoseconds since the run started: wall clock or simulated. */
    long now();

    void charge(Cost op);

    void charge(Cost op, int count);

    /** Backs off after {@code round} (1, 2, ...) consecutive iterations without progress. */
    void idle(int round);

    /** Called from another thread: cut a back-off short because work may have arrived. */
    void wake();
}
