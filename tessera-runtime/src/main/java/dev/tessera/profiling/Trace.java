package dev.tessera.profiling;

import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recorded timeline of one run: what ran where and when. Immutable once built.
 *
 * <p>All times are nanoseconds since the start of the run (wall clock on {@code threaded},
 * simulated on {@code sim}); {@link #NONE} marks a time that was never recorded, for example the
 * end of a block on a run that failed half way. Build one with {@link BufferedTraceRecorder#build}
 * from a live run, or by hand with {@link #builder}.
 */
public final class Trace {
    /** A time that was never recorded. */
    public static final long NONE = -1;

    /** Task shapes as the runtime numbers them. */
    public static final int SHAPE_MIX = 0, SHAPE_AIC = 1, SHAPE_AIV = 2, SHAPE_DUMMY = 3;

    /**
     * One submitted task. {@code shape} is one of the {@code SHAPE_*} constants, or -1 if unknown;
     * {@code earlyResolve} is the submit's hint ({@code TaskSpec.earlyResolve()}).
     */
    public record Task(
            long id, String name, int blockNum, int shape, boolean syncStart, boolean earlyResolve, long submitNs) {
        public Task {
            Objects.requireNonNull(name, "name");
        }

        /** A task without the early-resolve hint. */
        public Task(long id, String name, int blockNum, int shape, boolean syncStart, long submitNs) {
            this(id, name, blockNum, shape, syncStart, false, submitNs);
        }

        public String shapeName() {
            return switch (shape) {
                case SHAPE_MIX -> "MIX";
                case SHAPE_AIC -> "AIC";
                case SHAPE_AIV -> "AIV";
                case SHAPE_DUMMY -> "DUMMY";
                default -> "?";
            };
        }
    }

    /**
     * One kernel lane of one block on one core: {@code lane} 0 = AIC, 1 = AIV0, 2 = AIV1.
     * {@code token} is the core's dispatch counter (1, 2, ...); {@code scheduler} dispatched it.
     */
    public record Subtask(
            long taskId,
            String name,
            int blockIdx,
            int lane,
            int core,
            int cluster,
            int scheduler,
            int token,
            long readyNs,
            long dispatchNs,
            long startNs,
            long endNs,
            long finishSeenNs) {
        /** Whether the core reported both a start and an end for this subtask. */
        public boolean ran() {
            return startNs != NONE && endNs != NONE;
        }
    }

    private final Topology topology;
    private final String platform;
    private final String policy;
    private final long makespanNs;
    private final List<Task> tasks;
    private final List<Subtask> subtasks;
    private final Map<Long, Integer> taskIndex;
    private final Map<Long, Long> drainStarts;
    /** Doorbell times of gated subtasks, by {@code core << 32 | token}. */
    private final Map<Long, Long> doorbells;

    private Trace(Builder b, long makespanNs) {
        this.drainStarts = Map.copyOf(b.drainStarts);
        this.doorbells = Map.copyOf(b.doorbells);
        this.topology = b.topology;
        this.platform = b.platform;
        this.policy = b.policy;
        this.makespanNs = makespanNs;
        Map<Long, Integer> index = new HashMap<>();
        List<Task> allTasks = new ArrayList<>(b.tasks.values());
        for (int i = 0; i < allTasks.size(); i++) index.put(allTasks.get(i).id(), i);
        addPlaceholderTasks(b.pending, allTasks, index);
        this.tasks = List.copyOf(allTasks);
        this.taskIndex = Collections.unmodifiableMap(index);
        List<Subtask> subs = new ArrayList<>(b.pending.size());
        for (PendingSubtask p : b.pending)
            subs.add(p.resolve(tasks.get(index.get(p.taskId)).name(), topology));
        this.subtasks = List.copyOf(subs);
    }

    /**
     * A subtask may name a task the orchestrator never announced (a runtime that records only
     * dispatches): invent one so that every subtask has a task, guessing its shape from the slots.
     */
    private static void addPlaceholderTasks(List<PendingSubtask> pending, List<Task> tasks, Map<Long, Integer> index) {
        Map<Long, int[]> unknown = new LinkedHashMap<>(); // id -> {max block + 1, lane bits}
        for (PendingSubtask p : pending) {
            if (index.containsKey(p.taskId)) continue;
            int[] seen = unknown.computeIfAbsent(p.taskId, k -> new int[2]);
            seen[0] = Math.max(seen[0], p.blockIdx + 1);
            seen[1] |= 1 << p.lane;
        }
        for (Map.Entry<Long, int[]> e : unknown.entrySet()) {
            int slots = e.getValue()[1];
            boolean aic = (slots & 1) != 0, aiv = (slots & 6) != 0;
            int shape = aic && aiv ? SHAPE_MIX : aic ? SHAPE_AIC : SHAPE_AIV;
            index.put(e.getKey(), tasks.size());
            tasks.add(new Task(e.getKey(), "task#" + e.getKey(), e.getValue()[0], shape, false, NONE));
        }
    }

    public static Builder builder(Topology topology, String platform, String policy) {
        return new Builder(topology, platform, policy);
    }

    public Topology topology() {
        return topology;
    }

    public String platform() {
        return platform;
    }

    public String policy() {
        return policy;
    }

    /** As reported by the runtime: start of the run to the last completion the schedulers saw. */
    public long makespanNs() {
        return makespanNs;
    }

    /** The span a picture of this trace must cover: the makespan, or later if some event is later. */
    public long viewEndNs() {
        long end = makespanNs;
        for (Subtask s : subtasks) end = Math.max(end, Math.max(s.endNs(), s.finishSeenNs()));
        return Math.max(end, 1);
    }

    /** Tasks in submission order (placeholders for unannounced tasks come last). */
    public List<Task> tasks() {
        return tasks;
    }

    /** Subtasks in recording order: by core, then by token for a recorded run. */
    public List<Subtask> subtasks() {
        return subtasks;
    }

    /**
     * When the sync-start drain of task {@code id} began (targets first set aside, or the world
     * frozen), or {@link #NONE} if the task never needed one (it launched at once, or is no cohort).
     */
    public long drainStartNs(long id) {
        return drainStarts.getOrDefault(id, NONE);
    }

    /**
     * When the doorbell of gated subtask {@code s} rang (early dispatch: it was staged on its core
     * before its task was ready), or {@link #NONE} for a subtask dispatched the normal way.
     */
    public long doorbellNs(Subtask s) {
        return doorbells.getOrDefault(((long) s.core() << 32) | s.token(), NONE);
    }

    /** Whether {@code s} was staged gated (early dispatch). */
    public boolean gated(Subtask s) {
        return doorbellNs(s) != NONE;
    }

    /** How many subtasks were staged gated. */
    public int gatedSubtasks() {
        return doorbells.size();
    }

    /** Position of task {@code id} in {@link #tasks()}, or -1; also picks its colour in pictures. */
    public int taskIndex(long id) {
        Integer i = taskIndex.get(id);
        return i == null ? -1 : i;
    }

    public Task task(long id) {
        int i = taskIndex(id);
        if (i < 0) throw new IllegalArgumentException("no task " + id + " in this trace");
        return tasks.get(i);
    }

    /** Number of scheduler lanes: the topology's, or more if some record names a higher scheduler. */
    public int schedulerCount() {
        int n = topology.schedulers();
        for (Subtask s : subtasks) n = Math.max(n, s.scheduler() + 1);
        return n;
    }

    @Override
    public String toString() {
        return "Trace[" + policy + " on " + platform + ", " + topology.name() + ", " + tasks.size() + " tasks, "
                + subtasks.size() + " subtasks, makespan " + makespanNs + " ns]";
    }

    /** Collects a trace by hand (tests, imports) or from a recorder. Not thread safe. */
    public static final class Builder {
        private final Topology topology;
        private final String platform;
        private final String policy;
        private final Map<Long, Task> tasks = new LinkedHashMap<>();
        private final List<PendingSubtask> pending = new ArrayList<>();
        private final Map<Integer, Integer> lastToken = new HashMap<>();
        private final Map<Long, Long> drainStarts = new HashMap<>();
        private final Map<Long, Long> doorbells = new HashMap<>();

        private Builder(Topology topology, String platform, String policy) {
            this.topology = Objects.requireNonNull(topology, "topology");
            this.platform = Objects.requireNonNull(platform, "platform");
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        public Builder task(long id, String name, int blockNum, int shape, boolean syncStart, long submitNs) {
            return task(id, name, blockNum, shape, syncStart, false, submitNs);
        }

        public Builder task(
                long id, String name, int blockNum, int shape, boolean syncStart, boolean earlyResolve, long submitNs) {
            if (tasks.containsKey(id)) throw new IllegalArgumentException("task " + id + " added twice");
            tasks.put(id, new Task(id, name, blockNum, shape, syncStart, earlyResolve, submitNs));
            return this;
        }

        /** A subtask with every field given, as a recorder knows it. */
        public Builder subtask(
                long taskId,
                int blockIdx,
                int lane,
                int core,
                int scheduler,
                int token,
                long readyNs,
                long dispatchNs,
                long startNs,
                long endNs,
                long finishSeenNs) {
            if (core < 0 || core >= topology.cores()) {
                throw new IllegalArgumentException("core " + core + " is outside " + topology);
            }
            if (lane < 0 || lane > 2) throw new IllegalArgumentException("lane must be 0..2, got " + lane);
            if (scheduler < 0) throw new IllegalArgumentException("scheduler must be >= 0, got " + scheduler);
            pending.add(new PendingSubtask(
                    taskId, blockIdx, lane, core, scheduler, token, readyNs, dispatchNs, startNs, endNs, finishSeenNs));
            lastToken.merge(core, token, Math::max);
            return this;
        }

        /** A hand-made subtask: the lane is the core's lane and the token the core's next one. */
        public Builder subtask(
                long taskId,
                int blockIdx,
                int core,
                int scheduler,
                long readyNs,
                long dispatchNs,
                long startNs,
                long endNs,
                long finishSeenNs) {
            int token = lastToken.getOrDefault(core, 0) + 1;
            return subtask(
                    taskId,
                    blockIdx,
                    topology.laneOf(core).ordinal(),
                    core,
                    scheduler,
                    token,
                    readyNs,
                    dispatchNs,
                    startNs,
                    endNs,
                    finishSeenNs);
        }

        /** Subtask {@code (core, token)} was staged gated and its doorbell rang at {@code ns}. */
        public Builder doorbell(int core, int token, long ns) {
            doorbells.put(((long) core << 32) | token, ns);
            return this;
        }

        /** The sync-start drain of task {@code taskId} began at {@code ns}; the first report counts. */
        public Builder drainStarted(long taskId, long ns) {
            drainStarts.merge(taskId, ns, Math::min);
            return this;
        }

        public Trace build(long makespanNs) {
            return new Trace(this, makespanNs);
        }
    }

    /** A subtask whose task name is known only once all tasks are in. */
    private record PendingSubtask(
            long taskId,
            int blockIdx,
            int lane,
            int core,
            int scheduler,
            int token,
            long readyNs,
            long dispatchNs,
            long startNs,
            long endNs,
            long finishSeenNs) {
        Subtask resolve(String name, Topology topology) {
            return new Subtask(
                    taskId,
                    name,
                    blockIdx,
                    lane,
                    core,
                    topology.clusterOf(core),
                    scheduler,
                    token,
                    readyNs,
                    dispatchNs,
                    startNs,
                    endNs,
                    finishSeenNs);
        }
    }
}
