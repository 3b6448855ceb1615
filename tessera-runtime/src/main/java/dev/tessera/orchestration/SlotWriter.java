package dev.tessera.orchestration;

import dev.tessera.api.Kernel;
import dev.tessera.api.OutputSpec;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.topology.Lane;
import dev.tessera.verify.KernelObserver;
import dev.tessera.verify.ObservedKernel;
import java.lang.foreign.MemorySegment;

/**
 * Turns a validated {@link TaskSpec} into the contents of its {@link TaskSlot}: kernels, shape,
 * block count, scalars, and the tensors, with the task's outputs placed in its ring's heap.
 *
 * <p>Apart from the submit path's ordering (validate, allocate, fill, infer, publish), so the
 * orchestrator reads as that order and this as what a slot holds. Everything here is pure copying
 * into a slot the orchestrator owns: nothing is charged to the actor and nothing is published.
 */
final class SlotWriter {
    /** Each output starts on a 1 KiB boundary of the ring heap. */
    static final long OUTPUT_ALIGN = 1024;
    /** {@code Lane.values()} copies its array on every call; a submit walks the lanes twice. */
    private static final Lane[] LANES = Lane.values();

    private final RuntimeState rt;
    /** Wraps every kernel when set (tests, diagnostics); null for none. */
    private final KernelObserver observer;

    SlotWriter(RuntimeState rt, KernelObserver observer) {
        this.rt = rt;
        this.observer = observer;
    }

    /** The lanes {@code spec} has a kernel for, as a {@link Lane#bit()} mask. */
    static int activeMask(TaskSpec spec) {
        int mask = 0;
        for (Lane l : LANES) if (spec.kernel(l) != null) mask |= l.bit();
        return mask;
    }

    /** Heap bytes {@code spec}'s outputs take; {@code offsets[i]} gets output i's offset among them. */
    static long layoutOutputs(TaskSpec spec, long[] offsets) {
        long total = 0;
        for (int i = 0; i < spec.tensorCount(); i++) {
            OutputSpec o = spec.tensorArg(i).output();
            if (o == null) continue;
            offsets[i] = total;
            total += (o.bytes() + OUTPUT_ALIGN - 1) / OUTPUT_ALIGN * OUTPUT_ALIGN;
        }
        return total;
    }

    /** Everything but the tensors: name, kernels, shape, blocks, sync start, scalars. */
    void define(TaskSlot slot, TaskSpec spec, int activeMask, int shape, int blockNum) {
        slot.name = spec.name();
        for (Lane l : LANES) {
            Kernel k = spec.kernel(l);
            slot.kernels[l.ordinal()] = k != null && observer != null ? ObservedKernel.wrap(k, observer) : k;
        }
        if (activeMask == Lane.AIV1.bit()) {
            // a lone AIV1 kernel runs as the AIV0 slot, on either lane (spec §2.4)
            slot.kernels[Lane.AIV0.ordinal()] = slot.kernels[Lane.AIV1.ordinal()];
            slot.kernels[Lane.AIV1.ordinal()] = null;
            activeMask = Lane.AIV0.bit();
        }
        slot.activeMask = activeMask;
        slot.shape = shape;
        slot.blockNum = shape == TaskShape.DUMMY ? 1 : blockNum;
        slot.syncStart = spec.launchSpec().syncStart() && blockNum > 1 && shape != TaskShape.DUMMY;
        slot.earlyResolve = spec.allowsEarlyResolve();
        slot.totalSubtasks = slot.blockNum * Integer.bitCount(activeMask);
        slot.scalarCount = spec.scalarCount();
        for (int i = 0; i < spec.scalarCount(); i++) slot.scalars[i] = spec.scalarAt(i);
    }

    /**
     * The slot's tensors: the spec's own, and a new tensor owned by the task for each output, at
     * {@code heapStart + offsets[i]} of its ring's heap. Returns the outputs, in argument order.
     */
    Tensor[] materialize(TaskSpec spec, TaskSlot slot, long heapStart, long[] offsets) {
        int outCount = 0;
        for (int i = 0; i < spec.tensorCount(); i++) if (spec.tensorArg(i).output() != null) outCount++;
        Tensor[] outputs = new Tensor[outCount];
        MemorySegment heap = outCount > 0 ? rt.rings[slot.ring].heap() : null;
        int o = 0;
        for (int i = 0; i < spec.tensorCount(); i++) {
            TaskSpec.TensorArg a = spec.tensorArg(i);
            Tensor t;
            if (a.output() != null) {
                OutputSpec os = a.output();
                t = Tensor.owned(
                        heap.asSlice(heapStart + offsets[i], os.bytes()),
                        os.dtype(),
                        slot.taskId,
                        os.manualDep(),
                        os.shape());
                if (os.initialValue() != null) t.fill(os.initialValue());
                outputs[o++] = t;
            } else {
                t = a.tensor();
            }
            slot.tensors[i] = t;
        }
        slot.tensorCount = spec.tensorCount();
        return outputs;
    }
}
