package dev.tessera.orchestration;

import dev.tessera.api.ArgTag;
import dev.tessera.api.TaskIds;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.core.TaskRing;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;
import java.util.List;

/**
 * Which earlier tasks a new task must wait for (spec §3.3): its explicit dependencies, the creators
 * of the tensors it reads, and the TensorMap's writers of the regions it touches; and, the other way
 * round, who writes a tensor the orchestrator wants to read.
 *
 * <p>Its own class because it is the one idea the orchestrator's submit path and its
 * {@code readElement} share, and the one place that knows which {@link ArgTag}s make a task a
 * writer. It charges the actor for each TensorMap operation, exactly where the reference pays it.
 */
final class ProducerInference {
    private final TaskRing[] rings;
    private final Actor actor;
    private final TensorMap tensorMap;

    ProducerInference(TaskRing[] rings, Actor actor, TensorMap tensorMap) {
        this.rings = rings;
        this.actor = actor;
        this.tensorMap = tensorMap;
    }

    /** Tags whose task becomes a writer of the region in the TensorMap. */
    static boolean writesMap(ArgTag tag) {
        return tag == ArgTag.INOUT || tag == ArgTag.OUTPUT_EXISTING || tag == ArgTag.ACCUMULATE;
    }

    /** TensorMap entries {@code spec} will insert: the room a submit waits for before it allocates. */
    static int insertsOf(TaskSpec spec) {
        int inserts = 0;
        for (int i = 0; i < spec.tensorCount(); i++) {
            TaskSpec.TensorArg a = spec.tensorArg(i);
            if (writesMap(a.tag()) && !a.tensor().manualDep()) inserts++;
        }
        return inserts;
    }

    /** The still-live tasks of {@code spec.dependencies()} become producers of {@code slot}. */
    void addExplicit(TaskSpec spec, TaskSlot slot) {
        for (long dep : spec.dependencies()) {
            TaskSlot p = liveSlot(dep);
            if (p != null) slot.addProducer(p);
        }
    }

    /** Creator retention and TensorMap lookups, then publish this task's writes (spec §3.3). */
    void infer(TaskSpec spec, TaskSlot slot) {
        for (int i = 0; i < spec.tensorCount(); i++) {
            TaskSpec.TensorArg a = spec.tensorArg(i);
            if (a.tag() == ArgTag.OUTPUT) continue;
            Tensor t = a.tensor();
            long owner = t.ownerTaskId();
            if (owner != Tensor.NO_OWNER) {
                TaskSlot creator = liveSlot(owner);
                if (creator != null && creator != slot) slot.addProducer(creator);
            }
            if ((a.tag() == ArgTag.INPUT || a.tag() == ArgTag.INOUT) && !t.manualDep()) {
                actor.charge(Cost.TENSORMAP_LOOKUP);
                tensorMap.lookup(t, a.tag() == ArgTag.INOUT, slot);
            } else if (a.tag() == ArgTag.ACCUMULATE && !t.manualDep()) {
                actor.charge(Cost.TENSORMAP_LOOKUP);
                tensorMap.lookupForAccumulate(t, slot);
            }
        }
        for (int i = 0; i < spec.tensorCount(); i++) {
            TaskSpec.TensorArg a = spec.tensorArg(i);
            if (writesMap(a.tag()) && !a.tensor().manualDep()) {
                actor.charge(Cost.TENSORMAP_INSERT);
                tensorMap.insert(a.tensor(), slot, a.tag() == ArgTag.ACCUMULATE);
            }
        }
    }

    /** Adds to {@code out} the live tasks that write {@code t}: its creator, then the TensorMap's writers. */
    void writersOf(Tensor t, List<TaskSlot> out) {
        long owner = t.ownerTaskId();
        if (owner != Tensor.NO_OWNER) {
            TaskSlot creator = liveSlot(owner);
            if (creator != null) out.add(creator);
        }
        if (!t.manualDep()) tensorMap.writersOf(t, out);
    }

    private TaskSlot liveSlot(long taskId) {
        return rings[TaskIds.ring(taskId)].liveSlot(TaskIds.local(taskId));
    }
}
