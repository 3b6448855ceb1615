package dev.tessera.orchestration;

import dev.tessera.api.ArgTag;
import dev.tessera.api.TaskIds;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.core.TaskRing;
import dev.tessera.core.TaskSlot;
import dev.tessera.errors.DependencyHazardException;
import dev.tessera.topology.Lane;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The opt-in hazard check ({@code Runtime.builder().hazardCheck(true)}). The runtime infers
 * dependencies exactly as the reference does, which leaves some conflicting accesses unordered:
 * a write after a pure read (no write-after-read edge), {@code output(existing)} after another
 * writer (it waits for the tensor's creator only), and anything after a write made in a MANUAL
 * scope (MANUAL tasks publish nothing to the TensorMap). This check remembers what every
 * unfinished task reads and writes and refuses an access that conflicts with one of them (at least
 * one side writing, overlapping regions of one buffer) unless the new task will wait for it,
 * directly or through other unfinished tasks.
 *
 * <p>"Unfinished" is judged when the submit happens, so on the threaded platform whether a hazard
 * is reported can depend on timing; on sim it is repeatable. Arguments given with {@code noDep}
 * and tensors marked {@code manualDep} are the user's own business and are not checked. Used by
 * the orchestrator thread only.
 */
final class HazardCheck {
    /** One tensor argument of a recorded task. */
    private record Access(Tensor tensor, int arg, ArgTag tag) {
        boolean reads() {
            return tag == ArgTag.INPUT || tag == ArgTag.INOUT;
        }

        boolean writes() {
            return tag == ArgTag.INOUT || tag == ArgTag.OUTPUT_EXISTING || tag == ArgTag.OUTPUT;
        }
    }

    /** A submitted task that may still be running, and whom it waits for. */
    private record Task(TaskSlot slot, long id, String name, Access[] accesses, long[] producers) {
        boolean finished() {
            return slot.taskId() != id || slot.state() != TaskSlot.PENDING;
        }
    }

    private static final Access[] NO_ACCESS = new Access[0];

    private final TaskRing[] rings;
    private final TensorMap tensorMap;
    /** Unfinished tasks by id, in submission order. */
    private final Map<Long, Task> unfinished = new LinkedHashMap<>();

    HazardCheck(TaskRing[] rings, TensorMap tensorMap) {
        this.rings = rings;
        this.tensorMap = tensorMap;
    }

    /** Checks a submit before anything is allocated for it; {@code auto}: it is in an AUTO scope. */
    void checkSubmit(long ordinal, String name, TaskSpec spec, boolean auto) {
        if (spec.isDummy()) return;
        forgetFinished();
        Set<Long> ordered = orderedBefore(producersToBe(spec, auto));
        for (int i = 0; i < spec.tensorCount(); i++) {
            TaskSpec.TensorArg a = spec.tensorArg(i);
            if (a.tag() == ArgTag.OUTPUT
                    || a.tag() == ArgTag.NO_DEP
                    || a.tensor().manualDep()) continue;
            Access mine = new Access(a.tensor(), i, accessOf(spec, i));
            for (Task other : unfinished.values()) {
                if (ordered.contains(other.id)) continue;
                for (Access theirs : other.accesses) {
                    if (conflict(mine, theirs)) {
                        throw new DependencyHazardException("submit #" + ordinal + " '" + name + "' " + describe(mine)
                                + ", while "
                                + TaskIds.format(other.id) + " '" + other.name + "', which it does not wait for, still "
                                + describe(theirs) + ": " + advice(mine, theirs, other.id));
                    }
                }
            }
        }
    }

    /** Checks a {@code readElement} of {@code t} that waits for {@code awaited} only. */
    void checkRead(Tensor t, List<TaskSlot> awaited) {
        if (t.manualDep()) return;
        forgetFinished();
        Set<Long> ordered = orderedBefore(awaited);
        Access read = new Access(t, -1, ArgTag.INPUT);
        for (Task other : unfinished.values()) {
            if (ordered.contains(other.id)) continue;
            for (Access theirs : other.accesses) {
                if (conflict(read, theirs)) {
                    throw new DependencyHazardException(
                            "readElement of " + t + " would not wait for " + TaskIds.format(other.id)
                                    + " '" + other.name + "', which still " + describe(theirs)
                                    + ": a write in a MANUAL scope is not seen"
                                    + " by readElement; read after the scope ends or from a task that depends on it");
                }
            }
        }
    }

    /** Remembers a published task: its accesses (outputs materialized) and its producers. */
    void record(TaskSlot slot, TaskSpec spec) {
        Access[] accesses = NO_ACCESS;
        if (!spec.isDummy()) {
            int n = 0;
            Access[] all = new Access[spec.tensorCount()];
            for (int i = 0; i < spec.tensorCount(); i++) {
                ArgTag tag = accessOf(spec, i);
                Tensor t = slot.tensors[i];
                if (tag == ArgTag.NO_DEP || t.manualDep()) continue;
                all[n++] = new Access(t, i, tag);
            }
            accesses = Arrays.copyOf(all, n);
        }
        long[] producers = new long[slot.producerCount];
        for (int i = 0; i < producers.length; i++) producers[i] = slot.producers[i].taskId();
        unfinished.put(slot.taskId(), new Task(slot, slot.taskId(), slot.name(), accesses, producers));
    }

    /** The producers the submit will get: explicit dependencies and, in AUTO scopes, creators and TensorMap writers. */
    private List<TaskSlot> producersToBe(TaskSpec spec, boolean auto) {
        List<TaskSlot> out = new ArrayList<>();
        for (long dep : spec.dependencies()) {
            TaskSlot p = rings[TaskIds.ring(dep)].liveSlot(TaskIds.local(dep));
            if (p != null) out.add(p);
        }
        if (!auto) return out;
        for (int i = 0; i < spec.tensorCount(); i++) {
            TaskSpec.TensorArg a = spec.tensorArg(i);
            if (a.tag() == ArgTag.OUTPUT) continue;
            long owner = a.tensor().ownerTaskId();
            if (owner != Tensor.NO_OWNER) {
                TaskSlot creator = rings[TaskIds.ring(owner)].liveSlot(TaskIds.local(owner));
                if (creator != null) out.add(creator);
            }
            if ((a.tag() == ArgTag.INPUT || a.tag() == ArgTag.INOUT)
                    && !a.tensor().manualDep()) tensorMap.writersOf(a.tensor(), out);
        }
        return out;
    }

    /**
     * How argument {@code i} really accesses its tensor: as tagged, except the copy task of
     * {@code Orchestrator.keep}, which takes its source as {@code inout} only to order later
     * writers after it and never writes it.
     */
    private static ArgTag accessOf(TaskSpec spec, int i) {
        ArgTag tag = spec.tensorArg(i).tag();
        return tag == ArgTag.INOUT && spec.kernel(Lane.AIV0) == KeptTensors.COPY ? ArgTag.INPUT : tag;
    }

    private void forgetFinished() {
        for (Iterator<Task> it = unfinished.values().iterator(); it.hasNext(); ) {
            if (it.next().finished()) it.remove();
        }
    }

    /** Every unfinished task that finishes before one of {@code waitsFor} does (them included). */
    private Set<Long> orderedBefore(List<TaskSlot> waitsFor) {
        Set<Long> seen = new HashSet<>();
        ArrayDeque<Long> todo = new ArrayDeque<>();
        for (TaskSlot p : waitsFor) todo.add(p.taskId());
        while (!todo.isEmpty()) {
            long id = todo.poll();
            if (!seen.add(id)) continue;
            Task t = unfinished.get(id);
            if (t == null) continue; // finished: whatever it waited for has finished too
            for (long p : t.producers) todo.add(p);
        }
        return seen;
    }

    private static boolean conflict(Access mine, Access theirs) {
        if (!(mine.writes() && (theirs.reads() || theirs.writes())) && !(mine.reads() && theirs.writes())) return false;
        Tensor a = mine.tensor();
        Tensor b = theirs.tensor();
        if (a.bufferKey() != b.bufferKey()) return false;
        // geometry only: a version bump says "depend", not "overlap"
        if (a.version() != b.version()) a = a.withVersion(b.version());
        return Overlap.check(a, b) != Overlap.NONE;
    }

    private static String describe(Access a) {
        String verb = switch (a.tag()) {
            case INPUT -> "reads";
            case INOUT -> "reads and writes";
            default -> "writes";
        };
        return verb + " " + a.tensor() + (a.arg() >= 0 ? " (argument " + a.arg() + ", " + a.tag() + ")" : "");
    }

    private static String advice(Access mine, Access theirs, long otherId) {
        String dep = "or add .dependsOn(" + TaskIds.format(otherId) + ")";
        if (mine.writes() && !theirs.writes()) {
            return "the runtime infers no write-after-read edge (neither does the reference); make the reader's argument inout, "
                    + dep;
        }
        if (mine.tag() == ArgTag.OUTPUT_EXISTING) {
            return "output(existing) waits only for the tensor's creator; use inout to wait for earlier writers, "
                    + dep;
        }
        if (theirs.tag() == ArgTag.OUTPUT) {
            return "a task in a MANUAL scope does not wait for the creator of its tensors; " + dep;
        }
        return "its write is not in the TensorMap (made in a MANUAL scope), so nothing waits for it; " + dep;
    }
}
