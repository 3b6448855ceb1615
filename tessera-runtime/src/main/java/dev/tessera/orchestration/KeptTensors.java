package dev.tessera.orchestration;

import dev.tessera.api.Kernel;
import dev.tessera.api.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tensors an orchestration asked to keep ({@code Orchestrator.keep}): each is a copy made by a
 * one-block AIV task that takes the tensor as {@code inout}: it waits for every earlier writer, as
 * a reader submitted at that point would, and later {@code inout} writers wait for it (the runtime
 * orders no writer after a pure reader). It does not change the tensor. The copy lives in memory of its own, freed by the garbage
 * collector once unreachable, so it outlives the run's heap rings; {@code RunResult.kept} returns it.
 */
final class KeptTensors {
    /** The copy kernel: tensor 0 (any view) into tensor 1 (contiguous, same dtype and shape). */
    static final Kernel COPY = Kernel.of("tessera_keep", ctx -> {
        Tensor from = ctx.tensor(0);
        Tensor to = ctx.tensor(1);
        long size = from.dtype().bytes();
        if (from.isContiguous()) {
            MemorySegment.copy(from.buffer(), from.startOffset() * size, to.buffer(), 0, from.numel() * size);
        } else {
            for (long i = 0, n = from.numel(); i < n; i++) {
                MemorySegment.copy(from.buffer(), from.linearOffset(i) * size, to.buffer(), i * size, size);
            }
        }
    });

    private final Map<String, Tensor> byName = new LinkedHashMap<>();

    /** Why {@code keep(name, t)} is invalid, or null. */
    String problemWith(String name, Tensor t) {
        if (name == null || name.isEmpty()) return "needs a name to find the tensor by in the RunResult";
        if (t == null) return "got a null tensor";
        if (byName.containsKey(name)) return "a tensor is already kept under the name '" + name + "'";
        return null;
    }

    /** Memory for a contiguous copy of {@code t}, owned by no task and by no run. */
    static Tensor allocateCopy(Tensor t) {
        return Tensor.allocate(Arena.ofAuto(), t.dtype(), t.shape());
    }

    void add(String name, Tensor copy) {
        byName.put(name, copy);
    }

    Map<String, Tensor> all() {
        return Collections.unmodifiableMap(byName);
    }
}
