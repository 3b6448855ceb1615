package dev.tessera.verify;

import dev.tessera.api.TaskIds;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.topology.CoreType;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Checks, after a run, the dispatch invariants of DESIGN.md from what the cores actually ran:
 * every (task, block, slot) ran exactly once, on a core of the right type, every slot of a block
 * in the same cluster, with the right blockIdx, blockNum and sub-block id; no block of a
 * sync-start cohort started before every block of it was placed; and no block started before every
 * producer of its task completed (which early dispatch's gated blocks, placed before their task is
 * ready, must honour through their doorbell).
 */
public final class InvariantChecker implements KernelObserver {
    private record Execution(
            long taskId,
            String name,
            int shape,
            int activeMask,
            int blockNum,
            int blockIdx,
            int payloadBlockNum,
            int lane,
            int core,
            int cluster,
            int subBlockId,
            CoreType coreType) {}

    private final ConcurrentLinkedQueue<Execution> runs = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> early = new ConcurrentLinkedQueue<>();

    @Override
    public void beforeRun(DispatchPayload p) {
        TaskSlot t = (TaskSlot) p.task;
        int placed = t.placedBlocks();
        if (t.syncStart() && placed < t.blockNum()) {
            early.add("sync-start task " + TaskIds.format(p.taskId) + " '" + t.name() + "' block " + p.blockIdx
                    + " started when only " + placed + " of " + t.blockNum() + " blocks were placed");
        }
        for (int i = 0; i < t.producerCount; i++) {
            TaskSlot producer = t.producers[i];
            if (producer != null && producer.state() == TaskSlot.PENDING) {
                early.add("task " + TaskIds.format(p.taskId) + " '" + t.name() + "' block " + p.blockIdx
                        + " started before its producer " + producer + " completed");
            }
        }
        runs.add(new Execution(
                p.taskId,
                t.name(),
                t.shape(),
                t.activeMask(),
                t.blockNum(),
                p.blockIdx,
                p.blockNum,
                p.lane,
                p.coreId(),
                p.clusterId(),
                p.subBlockId(),
                p.coreType()));
    }

    public int executions() {
        return runs.size();
    }

    /** Returns every violation found (empty when the run was correct). */
    public List<String> violations(Topology topology) {
        List<String> out = new ArrayList<>(early);
        Map<Long, Map<Integer, Map<Integer, Execution>>> byTask = new HashMap<>();
        for (Execution e : runs) {
            String where = "task " + TaskIds.format(e.taskId) + " '" + e.name + "' block " + e.blockIdx + " slot "
                    + Lane.of(e.lane) + " on " + topology.coreLabel(e.core);
            if (e.blockIdx < 0 || e.blockIdx >= e.blockNum)
                out.add(where + ": blockIdx outside [0, " + e.blockNum + ")");
            if (e.payloadBlockNum != e.blockNum)
                out.add(where + ": kernel saw blockNum " + e.payloadBlockNum + ", task has " + e.blockNum);
            if ((e.activeMask & (1 << e.lane)) == 0) out.add(where + ": slot is not active in the task");
            Lane coreLane = topology.laneOf(e.core);
            if (topology.typeOf(e.core) != e.coreType
                    || topology.clusterOf(e.core) != e.cluster
                    || coreLane.subBlockId() != e.subBlockId) {
                out.add(where + ": core identity mismatch (type " + e.coreType + ", cluster " + e.cluster + ", sub "
                        + e.subBlockId + ")");
            }
            if (e.lane == Lane.AIC.ordinal() && coreLane != Lane.AIC)
                out.add(where + ": AIC slot ran on a vector core");
            if (e.lane != Lane.AIC.ordinal() && coreLane == Lane.AIC) out.add(where + ": AIV slot ran on a cube core");
            if (e.shape == TaskShape.MIX && e.lane != coreLane.ordinal())
                out.add(where + ": MIX slot ran on lane " + coreLane);
            Execution prev = byTask.computeIfAbsent(e.taskId, k -> new HashMap<>())
                    .computeIfAbsent(e.blockIdx, k -> new HashMap<>())
                    .put(e.lane, e);
            if (prev != null) out.add(where + ": ran twice (also on " + topology.coreLabel(prev.core) + ")");
        }
        for (var task : byTask.entrySet()) {
            Execution any = task.getValue()
                    .values()
                    .iterator()
                    .next()
                    .values()
                    .iterator()
                    .next();
            String what = "task " + TaskIds.format(task.getKey()) + " '" + any.name + "'";
            if (task.getValue().size() != any.blockNum) {
                out.add(what + ": " + task.getValue().size() + " of " + any.blockNum + " blocks ran");
            }
            for (var block : task.getValue().entrySet()) {
                Map<Integer, Execution> slots = block.getValue();
                if (slots.size() != Integer.bitCount(any.activeMask)) {
                    out.add(what + " block " + block.getKey() + ": " + slots.size() + " of "
                            + Integer.bitCount(any.activeMask) + " slots ran");
                }
                long clusters = slots.values().stream()
                        .mapToInt(Execution::cluster)
                        .distinct()
                        .count();
                if (clusters > 1)
                    out.add(what + " block " + block.getKey() + ": slots ran on " + clusters + " different clusters");
            }
        }
        return out;
    }

    /** Throws an AssertionError listing the first violations, if any. */
    public void assertValid(Topology topology) {
        List<String> v = violations(topology);
        if (!v.isEmpty()) {
            throw new AssertionError(v.size() + " dispatch invariant violations, first: "
                    + String.join("; ", v.subList(0, Math.min(5, v.size()))));
        }
    }
}
