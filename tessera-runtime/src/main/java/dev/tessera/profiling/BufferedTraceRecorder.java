package dev.tessera.profiling;

import dev.tessera.topology.Topology;
import java.util.Objects;

/**
 * The recorder the runtime uses when tracing is on: every call is a handful of array stores into
 * buffers owned by the calling thread's core or scheduler, with no lock and no allocation.
 *
 * <p>Buffers are struct-of-arrays segments ({@link SubtaskChunk}) per core and one for the
 * orchestrator (tasks). The first segment of each is allocated on first use, with
 * room for {@code expectedSubtasksPerCore} records (so the cores of a huge topology that never run
 * anything cost nothing); past that a buffer grows by adding a segment twice the size of the last,
 * so a run that outgrows its estimate allocates at most log2(records / estimate) times per core,
 * and nothing is ever copied. Every segment is taken from a {@link TraceBudget}; one it refuses is
 * not allocated and its records are dropped.
 *
 * <p>Usage: the runtime creates one per traced run, passes it to the schedulers, cores and
 * orchestrator, joins all of them, then calls {@link #build(long)} once.
 */
public final class BufferedTraceRecorder implements TraceRecorder {
    /** Records per core (and tasks) allocated up front by default. */
    public static final int DEFAULT_CAPACITY = 1024;

    private final Topology topology;
    private final String platform;
    private final String policy;
    private final CoreLog[] cores;
    private final Segments subtaskSegments;
    private final TaskLog tasks;
    private final TraceBudget budget;
    /** {taskId, ns} of every drain start: a few per run, from any scheduler. */
    private final java.util.Queue<long[]> drainStarts = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Default capacity. */
    public BufferedTraceRecorder(Topology topology, String platform, String policy) {
        this(topology, platform, policy, DEFAULT_CAPACITY);
    }

    /** @param expectedSubtasksPerCore records preallocated per core (rounded up to a power of two) */
    public BufferedTraceRecorder(Topology topology, String platform, String policy, int expectedSubtasksPerCore) {
        this(topology, platform, policy, expectedSubtasksPerCore, TraceBudget.UNLIMITED);
    }

    /**
     * @param budget records this recorder may allocate; past it, records are dropped and the
     *               budget reports (see {@link TraceBudget}); the trace is then incomplete
     */
    public BufferedTraceRecorder(
            Topology topology, String platform, String policy, int expectedSubtasksPerCore, TraceBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.topology = Objects.requireNonNull(topology, "topology");
        this.platform = Objects.requireNonNull(platform, "platform");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (expectedSubtasksPerCore < 1) {
            throw new IllegalArgumentException("expectedSubtasksPerCore must be >= 1, got " + expectedSubtasksPerCore);
        }
        this.subtaskSegments = new Segments(expectedSubtasksPerCore);
        this.cores = new CoreLog[topology.cores()];
        for (int c = 0; c < cores.length; c++) cores[c] = new CoreLog(subtaskSegments, budget);
        this.tasks = new TaskLog(new Segments(DEFAULT_CAPACITY), budget);
    }

    /** Whether records were dropped because the budget ran out: the trace would be incomplete. */
    public boolean overBudget() {
        return budget.exceeded();
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void taskSubmitted(long taskId, String name, int blockNum, int shape, boolean syncStart, long ns) {
        tasks.add(taskId, name, blockNum, shape, syncStart, false, ns);
    }

    @Override
    public void taskSubmitted(
            long taskId, String name, int blockNum, int shape, boolean syncStart, boolean earlyResolve, long ns) {
        tasks.add(taskId, name, blockNum, shape, syncStart, earlyResolve, ns);
    }

    @Override
    public void dispatched(
            int scheduler, int core, int token, long taskId, int blockIdx, int lane, long readyNs, long dispatchNs) {
        CoreLog log = cores[core];
        int i = token - 1;
        int seg = subtaskSegments.segment(i);
        int o = subtaskSegments.offset(i, seg);
        SubtaskChunk c = log.chunk(seg);
        if (c == null) return; // over budget: dropped
        c.taskId[o] = taskId;
        c.blockIdx[o] = blockIdx;
        c.lane[o] = (byte) lane;
        c.scheduler[o] = (short) scheduler;
        c.readyNs[o] = readyNs;
        c.dispatchNs[o] = dispatchNs;
        if (token > log.lastToken) log.lastToken = token;
    }

    @Override
    public void started(int core, int token, long ns) {
        int i = token - 1;
        int seg = subtaskSegments.segment(i);
        SubtaskChunk c = cores[core].chunk(seg);
        if (c != null) c.startNs[subtaskSegments.offset(i, seg)] = ns;
    }

    @Override
    public void ended(int core, int token, long ns) {
        int i = token - 1;
        int seg = subtaskSegments.segment(i);
        SubtaskChunk c = cores[core].chunk(seg);
        if (c != null) c.endNs[subtaskSegments.offset(i, seg)] = ns;
    }

    @Override
    public void finishSeen(int scheduler, int core, int token, long ns) {
        int i = token - 1;
        int seg = subtaskSegments.segment(i);
        SubtaskChunk c = cores[core].chunk(seg);
        if (c != null) c.finishSeenNs[subtaskSegments.offset(i, seg)] = ns;
    }

    @Override
    public void doorbell(int core, int token, long ns) {
        int i = token - 1;
        int seg = subtaskSegments.segment(i);
        SubtaskChunk c = cores[core].chunk(seg);
        if (c != null) c.doorbellNs[subtaskSegments.offset(i, seg)] = ns;
    }

    @Override
    public void cohortDrainStarted(long taskId, long ns) {
        drainStarts.add(new long[] {taskId, ns});
    }

    /**
     * The trace recorded so far. Call it after every thread that records has been joined; the
     * recorder stays usable (a later call sees later records) but is not meant to be reused.
     *
     * @param makespanNs the run's makespan as the runtime measured it
     */
    public Trace build(long makespanNs) {
        Trace.Builder b = Trace.builder(topology, platform, policy);
        tasks.copyTo(b);
        for (int core = 0; core < cores.length; core++) copySubtasks(core, b);
        for (long[] d : drainStarts) b.drainStarted(d[0], d[1]);
        return b.build(makespanNs);
    }

    /** Tokens never dispatched (a run that failed between numbering and dispatch) are left out. */
    private void copySubtasks(int core, Trace.Builder b) {
        CoreLog log = cores[core];
        for (int token = 1; token <= log.lastToken; token++) {
            int i = token - 1;
            int seg = subtaskSegments.segment(i);
            SubtaskChunk c = log.existing(seg);
            if (c == null) continue; // dropped over budget
            int o = subtaskSegments.offset(i, seg);
            if (!c.dispatched(o)) continue;
            b.subtask(
                    c.taskId[o],
                    c.blockIdx[o],
                    c.lane[o],
                    core,
                    c.scheduler[o],
                    token,
                    c.readyNs[o],
                    c.dispatchNs[o],
                    c.startNs[o],
                    c.endNs[o],
                    c.finishSeenNs[o]);
            if (c.doorbellNs[o] != Trace.NONE) b.doorbell(core, token, c.doorbellNs[o]);
        }
    }
}
