package dev.tessera.profiling;

import dev.tessera.topology.CoreType;
import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers that say how well a run kept its cores busy and how its SPMD blocks were spread, computed
 * once from a trace; {@link StatsJson} and {@link StatsText} format them.
 *
 * <p><b>Block times.</b> A block's start is the earliest start of its subtasks, its dispatch the
 * earliest dispatch; a block counts for the scheduler that dispatched that earliest subtask. A
 * task's <em>start spread</em> is its last block start minus its first: near zero when all blocks
 * start together, about (blocks − 1) × per-block dispatch cost for a serial staircase.
 *
 * <p><b>Scheduler overhead</b> (the reference's "idle core while ready work is undispatched"), per
 * core type T: a task <em>needs</em> T from its ready time (the earliest {@code readyNs} of its
 * subtasks) until its last subtask is dispatched (until the makespan if some block never was);
 * MIX tasks need both types, AIC and AIV tasks their own, DUMMY tasks none. A core is <em>idle</em>
 * when no subtask is running on it (between start and end; a core that has been dispatched to but
 * not yet started is idle). Then
 * <pre>
 *   overhead_T = 100 × Σ_{cores c of type T} |idle(c) ∩ need(T) ∩ [0, makespan)| / (#cores_T × makespan)
 * </pre>
 * i.e. the average, over the cores of that type, of the share of the makespan they spent idle while
 * work they could have run was waiting for a scheduler. <b>Utilisation</b> is the same average of
 * |busy(c) ∩ [0, makespan)|.
 */
public final class TraceStats {

    /**
     * Per-task block statistics; times are {@link Trace#NONE} if no block got that far.
     * {@code allDispatchedNs} is the last dispatch of any subtask, which for a MIX block can be
     * later than the block's own (first) dispatch.
     */
    public record TaskStats(
            long id,
            String name,
            String shape,
            int blockNum,
            boolean syncStart,
            int blocksRun,
            long readyNs,
            long firstDispatchNs,
            long lastDispatchNs,
            long allDispatchedNs,
            long firstStartNs,
            long lastStartNs,
            long lastEndNs,
            int[] blocksPerScheduler) {
        public TaskStats {
            blocksPerScheduler = blocksPerScheduler.clone();
        }

        @Override
        public int[] blocksPerScheduler() {
            return blocksPerScheduler.clone();
        }

        public long startSpreadNs() {
            return firstStartNs == Trace.NONE ? Trace.NONE : lastStartNs - firstStartNs;
        }

        public long dispatchSpreadNs() {
            return firstDispatchNs == Trace.NONE ? Trace.NONE : lastDispatchNs - firstDispatchNs;
        }

        public boolean spmd() {
            return blockNum > 1;
        }
    }

    public record SchedulerStats(int id, long blocksDispatched, long subtasksDispatched) {}

    /**
     * One core type: {@code idleWhileReadyNs} and {@code busyNs} are summed over its cores
     * (core-nanoseconds); the percentages divide by cores × makespan.
     */
    public record CoreTypeStats(
            CoreType type, int cores, long idleWhileReadyNs, long busyNs, double overheadPct, double utilisationPct) {}

    private final String policy;
    private final String platform;
    private final Topology topology;
    private final long makespanNs;
    private final long subtasks;
    private final List<TaskStats> tasks;
    private final List<SchedulerStats> schedulers;
    private final CoreTypeStats aic;
    private final CoreTypeStats aiv;

    private TraceStats(
            Trace trace, List<TaskStats> tasks, List<SchedulerStats> schedulers, CoreTypeStats aic, CoreTypeStats aiv) {
        this.policy = trace.policy();
        this.platform = trace.platform();
        this.topology = trace.topology();
        this.makespanNs = trace.makespanNs();
        this.subtasks = trace.subtasks().size();
        this.tasks = List.copyOf(tasks);
        this.schedulers = List.copyOf(schedulers);
        this.aic = aic;
        this.aiv = aiv;
    }

    public static TraceStats of(Trace trace) {
        int nSched = trace.schedulerCount();
        List<TaskStats> tasks = taskStats(trace, nSched);
        long[] blocks = new long[nSched], subs = new long[nSched];
        for (TaskStats t : tasks) {
            int[] per = t.blocksPerScheduler();
            for (int s = 0; s < nSched; s++) blocks[s] += per[s];
        }
        for (Trace.Subtask s : trace.subtasks()) if (s.dispatchNs() != Trace.NONE) subs[s.scheduler()]++;
        List<SchedulerStats> scheds = new ArrayList<>();
        for (int s = 0; s < nSched; s++) scheds.add(new SchedulerStats(s, blocks[s], subs[s]));
        return new TraceStats(
                trace,
                tasks,
                scheds,
                coreTypeStats(trace, tasks, CoreType.AIC),
                coreTypeStats(trace, tasks, CoreType.AIV));
    }

    /** Earliest dispatch, its scheduler, and earliest start of one block. */
    private static final class BlockTimes {
        long dispatchNs = Long.MAX_VALUE;
        int scheduler = -1;
        long startNs = Long.MAX_VALUE;
    }

    private static List<TaskStats> taskStats(Trace trace, int nSched) {
        List<Trace.Task> taskList = trace.tasks();
        List<Map<Integer, BlockTimes>> blocks = new ArrayList<>();
        long[] ready = new long[taskList.size()], lastEnd = new long[taskList.size()];
        long[] allDispatched = new long[taskList.size()];
        Arrays.fill(ready, Long.MAX_VALUE);
        Arrays.fill(lastEnd, Trace.NONE);
        Arrays.fill(allDispatched, Trace.NONE);
        for (int i = 0; i < taskList.size(); i++) blocks.add(new HashMap<>());
        for (Trace.Subtask s : trace.subtasks()) {
            int t = trace.taskIndex(s.taskId());
            BlockTimes b = blocks.get(t).computeIfAbsent(s.blockIdx(), k -> new BlockTimes());
            if (s.dispatchNs() != Trace.NONE && s.dispatchNs() < b.dispatchNs) {
                b.dispatchNs = s.dispatchNs();
                b.scheduler = s.scheduler();
            }
            if (b.scheduler < 0) b.scheduler = s.scheduler();
            if (s.startNs() != Trace.NONE) b.startNs = Math.min(b.startNs, s.startNs());
            if (s.readyNs() != Trace.NONE) ready[t] = Math.min(ready[t], s.readyNs());
            lastEnd[t] = Math.max(lastEnd[t], s.endNs());
            allDispatched[t] = Math.max(allDispatched[t], s.dispatchNs());
        }
        List<TaskStats> out = new ArrayList<>();
        for (int t = 0; t < taskList.size(); t++) {
            Trace.Task task = taskList.get(t);
            long firstD = Long.MAX_VALUE, lastD = Long.MIN_VALUE, firstS = Long.MAX_VALUE, lastS = Long.MIN_VALUE;
            int[] perSched = new int[nSched];
            for (BlockTimes b : blocks.get(t).values()) {
                perSched[b.scheduler]++;
                if (b.dispatchNs != Long.MAX_VALUE) {
                    firstD = Math.min(firstD, b.dispatchNs);
                    lastD = Math.max(lastD, b.dispatchNs);
                }
                if (b.startNs != Long.MAX_VALUE) {
                    firstS = Math.min(firstS, b.startNs);
                    lastS = Math.max(lastS, b.startNs);
                }
            }
            out.add(new TaskStats(
                    task.id(),
                    task.name(),
                    task.shapeName(),
                    task.blockNum(),
                    task.syncStart(),
                    blocks.get(t).size(),
                    ready[t] == Long.MAX_VALUE ? Trace.NONE : ready[t],
                    orNone(firstD),
                    orNone(lastD),
                    allDispatched[t],
                    orNone(firstS),
                    orNone(lastS),
                    lastEnd[t],
                    perSched));
        }
        return out;
    }

    private static long orNone(long v) {
        return v == Long.MAX_VALUE || v == Long.MIN_VALUE ? Trace.NONE : v;
    }

    private static boolean needs(String shape, CoreType type) {
        return switch (shape) {
            case "MIX" -> true;
            case "AIC" -> type == CoreType.AIC;
            case "AIV" -> type == CoreType.AIV;
            default -> false;
        };
    }

    private static CoreTypeStats coreTypeStats(Trace trace, List<TaskStats> tasks, CoreType type) {
        Topology topo = trace.topology();
        long span = trace.makespanNs();
        Intervals need = new Intervals();
        for (TaskStats t : tasks) {
            if (!needs(t.shape(), type) || t.readyNs() == Trace.NONE) continue;
            boolean allDispatched = t.blocksRun() >= t.blockNum() && t.allDispatchedNs() != Trace.NONE;
            need.add(t.readyNs(), allDispatched ? t.allDispatchedNs() : span, span);
        }
        Intervals[] busy = new Intervals[topo.cores()];
        for (Trace.Subtask s : trace.subtasks()) {
            if (topo.typeOf(s.core()) != type) continue;
            if (busy[s.core()] == null) busy[s.core()] = new Intervals();
            busy[s.core()].add(s.startNs(), s.endNs(), span);
        }
        long needLength = need.length();
        long idleWhileReady = 0, busyTotal = 0;
        int cores = 0;
        for (int c = 0; c < topo.cores(); c++) {
            if (topo.typeOf(c) != type) continue;
            cores++;
            if (busy[c] == null) {
                idleWhileReady += needLength;
            } else {
                idleWhileReady += needLength - need.overlap(busy[c]);
                busyTotal += busy[c].length();
            }
        }
        double denominator = (double) cores * span;
        return new CoreTypeStats(
                type,
                cores,
                idleWhileReady,
                busyTotal,
                span > 0 ? 100.0 * idleWhileReady / denominator : 0,
                span > 0 ? 100.0 * busyTotal / denominator : 0);
    }

    public String policy() {
        return policy;
    }

    public String platform() {
        return platform;
    }

    public Topology topology() {
        return topology;
    }

    public long makespanNs() {
        return makespanNs;
    }

    public long subtasks() {
        return subtasks;
    }

    public List<TaskStats> tasks() {
        return tasks;
    }

    /** Tasks with more than one block, in submission order. */
    public List<TaskStats> spmdTasks() {
        return tasks.stream().filter(TaskStats::spmd).toList();
    }

    public List<SchedulerStats> schedulers() {
        return schedulers;
    }

    public CoreTypeStats aic() {
        return aic;
    }

    public CoreTypeStats aiv() {
        return aiv;
    }

    public long blocks() {
        long b = 0;
        for (SchedulerStats s : schedulers) b += s.blocksDispatched();
        return b;
    }
}
