package dev.tessera.profiling;

/**
 * Receives the timeline of a run as it happens. Implementations must not allocate or lock on these
 * calls (beyond rare buffer growth): they sit on the scheduler's and the cores' hot paths.
 *
 * <p>Thread ownership: {@link #taskSubmitted} is called by the orchestrator only;
 * {@link #dispatched} and {@link #finishSeen} by the scheduler that owns the core at that moment
 * (a sync-start drain worker may dispatch to another scheduler's core while the others wait);
 * {@link #started} and {@link #ended} by the thread running the core (its own thread, or with pooled
 * cores whichever worker or helping thread took it: one at a time, handed over through the run
 * queue, which orders their writes). A core's tokens start at 1 and grow by
 * one per dispatch, so {@code (core, token)} names one subtask.
 */
public interface TraceRecorder {
    /** Records nothing. */
    TraceRecorder OFF = new TraceRecorder() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void taskSubmitted(long taskId, String name, int blockNum, int shape, boolean syncStart, long ns) {}

        @Override
        public void dispatched(
                int scheduler,
                int core,
                int token,
                long taskId,
                int blockIdx,
                int lane,
                long readyNs,
                long dispatchNs) {}

        @Override
        public void started(int core, int token, long ns) {}

        @Override
        public void ended(int core, int token, long ns) {}

        @Override
        public void finishSeen(int scheduler, int core, int token, long ns) {}
    };

    boolean enabled();

    /** {@code shape}: 0 = MIX, 1 = AIC, 2 = AIV, 3 = DUMMY (see {@code TaskShape}). */
    void taskSubmitted(long taskId, String name, int blockNum, int shape, boolean syncStart, long ns);

    /**
     * As {@link #taskSubmitted(long, String, int, int, boolean, long)}, with the task's early-resolve
     * hint; the runtime calls this one. Recorders that do not keep the hint need not override it.
     */
    default void taskSubmitted(
            long taskId, String name, int blockNum, int shape, boolean syncStart, boolean earlyResolve, long ns) {
        taskSubmitted(taskId, name, blockNum, shape, syncStart, ns);
    }

    void dispatched(
            int scheduler, int core, int token, long taskId, int blockIdx, int lane, long readyNs, long dispatchNs);

    void started(int core, int token, long ns);

    void ended(int core, int token, long ns);

    void finishSeen(int scheduler, int core, int token, long ns);

    /**
     * The doorbell of the gated subtask {@code (core, token)} rang at {@code ns} (early dispatch,
     * #1079): it was staged on its core before its task was ready. Called by the scheduler that
     * completed the task's last producer (or by the stager, if that completion came first), once
     * per staged subtask.
     */
    default void doorbell(int core, int token, long ns) {}

    /**
     * A sync-start cohort that could not launch at once has started its drain: from now on targets
     * are set aside for it (RESERVE) or every scheduler stops dispatching (FREEZE_ALL). Called by the
     * scheduler that starts the drain, once per drain; rare, so a recorder may lock here.
     */
    default void cohortDrainStarted(long taskId, long ns) {}
}
