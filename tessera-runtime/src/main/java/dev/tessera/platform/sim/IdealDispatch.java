package dev.tessera.platform.sim;

import dev.tessera.platform.Cost;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Zero-cost dispatch: a cost model with every cost a dispatch policy pays or could avoid at zero,
 * and everything else (the orchestrator, kernel durations, the core's own switch time, the idle
 * back-off) as it was. A run under it is what the same policy's decisions would give if
 * dispatching were free, so the gap to it bounds what any cheaper dispatch mechanism can gain; not
 * what a different order or placement of the same work could (greedy list scheduling is not
 * optimal). {@code compare --bound} runs it; the preset {@value CostModel#IDEAL_DISPATCH} is a2a3
 * under it.
 */
public final class IdealDispatch {
    /**
     * The keys it zeroes: every scheduler-side operation ({@link Cost} except the orchestrator's
     * submit, TensorMap lookup and insert) and the way from a register write to a running kernel
     * and back ({@value CostModel#CORE_PICKUP}, {@value CostModel#CORE_DOORBELL}, {@value CostModel#CORE_ACK_VISIBILITY},
     * {@value CostModel#CORE_FIN_VISIBILITY}). Not {@value CostModel#CORE_SWITCH}: the core's own
     * record write-back and setup between two kernels, paid whoever dispatched them.
     */
    public static final Set<String> KEYS = Set.of(
            CostModel.key(Cost.WIRE_TASK),
            CostModel.key(Cost.READY_PUSH),
            CostModel.key(Cost.READY_POP),
            CostModel.key(Cost.BLOCK_CLAIM),
            CostModel.key(Cost.PAYLOAD_BUILD),
            CostModel.key(Cost.DRAIN_PAYLOAD_BUILD),
            CostModel.key(Cost.REGISTER_WRITE),
            CostModel.key(Cost.STORE_BARRIER),
            CostModel.key(Cost.REGISTER_STORE),
            CostModel.key(Cost.REGISTER_STORE_BURST),
            CostModel.key(Cost.COMPLETION_POLL),
            CostModel.key(Cost.TASK_COMPLETE),
            CostModel.key(Cost.RELEASE),
            CostModel.key(Cost.LOOP),
            CostModel.key(Cost.DOORBELL),
            CostModel.CORE_PICKUP,
            CostModel.CORE_DOORBELL,
            CostModel.CORE_ACK_VISIBILITY,
            CostModel.CORE_FIN_VISIBILITY);

    private IdealDispatch() {}

    /** {@code model} with every {@link #KEYS key} at 0, named {@code <name>+ideal-dispatch}. */
    static CostModel of(CostModel model) {
        Map<String, String> zeros = new TreeMap<>();
        for (String k : KEYS) zeros.put(k, "0");
        return model.withOverrides(zeros).named(model.name() + "+" + CostModel.IDEAL_DISPATCH);
    }
}
