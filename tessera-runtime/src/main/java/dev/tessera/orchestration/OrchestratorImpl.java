package dev.tessera.orchestration;

import dev.tessera.api.Orchestration;
import dev.tessera.api.Orchestrator;
import dev.tessera.api.OutputSpec;
import dev.tessera.api.Scope;
import dev.tessera.api.ScopeMode;
import dev.tessera.api.Submitted;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.errors.DeadlockException;
import dev.tessera.errors.ErrorCode;
import dev.tessera.errors.TesseraException;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;
import dev.tessera.topology.Topology;
import dev.tessera.verify.KernelObserver;
import dev.tessera.verify.SubmitObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * The orchestrator side of a run (spec §3.3): validates a submit ({@link SubmitValidation}),
 * allocates its slot and output heap with back-pressure ({@link BackPressure}), fills the slot
 * ({@link SlotWriter}), infers its producers ({@link ProducerInference}), publishes it to
 * scheduler 0, and ends scopes ({@link ScopeHandle}).
 *
 * <p>Everything a submit checks is checked before anything is allocated, so an invalid submit
 * throws and leaves the runtime exactly as it was: the tasks submitted before it still run.
 */
public final class OrchestratorImpl implements Orchestrator {
    static final long TENSOR_WAIT_TIMEOUT_NS = 15_000_000_000L;

    private final RuntimeState rt;
    private final Actor actor;
    private final TensorMap tensorMap;
    private final ScopeStack scopes = new ScopeStack();
    private final CallerGuard caller = new CallerGuard();
    /** Null unless {@code hazardCheck} is on. */
    private final HazardCheck hazards;

    private final KeptTensors kept = new KeptTensors();
    private final SubmitValidation validation;
    private final BackPressure backPressure;
    private final SlotWriter slots;
    private final ProducerInference producers;
    /** Sees every submit's inferred producers (tests, diagnostics); null for none. */
    private final SubmitObserver submitObserver;

    private long submitCount;

    /**
     * @param tensorMapEntries live TensorMap entries before a submit waits for retirements
     * @param hazardCheck      debug mode: fail a submit that races an unfinished task it will not wait for
     * @param observer         wraps every kernel (tests, diagnostics); null for none
     * @param submitObserver   sees every submit's inferred producers; null for none
     */
    public OrchestratorImpl(
            RuntimeState rt,
            Actor actor,
            int tensorMapEntries,
            boolean hazardCheck,
            KernelObserver observer,
            SubmitObserver submitObserver) {
        this.rt = rt;
        this.actor = actor;
        this.submitObserver = submitObserver;
        this.tensorMap = new TensorMap(rt.rings, tensorMapEntries, rt.taskWindow);
        this.hazards = hazardCheck ? new HazardCheck(rt.rings, tensorMap) : null;
        this.validation = new SubmitValidation(rt.topology, rt.rings);
        this.backPressure = new BackPressure(rt, actor, tensorMap, scopes);
        this.slots = new SlotWriter(rt, observer);
        this.producers = new ProducerInference(rt.rings, actor, tensorMap);
    }

    /**
     * Runs user code inside the outer scope. Returns the error that ended it early (an invalid
     * submit the user did not catch, or the user's own exception), or null; either way every scope
     * is closed so the tasks already submitted can finish.
     */
    public TesseraException runOrchestration(Orchestration orchestration) {
        TesseraException failure = null;
        caller.begin();
        scopes.push(ScopeMode.AUTO);
        try {
            orchestration.run(this);
        } catch (TesseraException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = new TesseraException(ErrorCode.ORCHESTRATION_FAILED, "the orchestration threw " + e, e);
        } finally {
            caller.end();
            while (scopes.depth() >= 0) endScope();
            rt.orchestratorDone = true;
            rt.wakeSchedulers();
        }
        return failure;
    }

    @Override
    public Topology topology() {
        return rt.topology;
    }

    // ---- scopes --------------------------------------------------------------------------------

    @Override
    public Scope scope(ScopeMode mode) {
        caller.check("scope()");
        ensureUsable();
        scopes.push(mode);
        return new ScopeHandle(scopes, this::endScope, scopes.depth(), mode);
    }

    private void endScope() {
        scopes.pop(rt::releaseProducer);
    }

    // ---- submit --------------------------------------------------------------------------------

    @Override
    public Submitted submit(TaskSpec spec) {
        caller.enter("submit");
        try {
            return submitChecked(spec);
        } finally {
            caller.exit();
        }
    }

    private Submitted submitChecked(TaskSpec spec) {
        ensureUsable();
        long ordinal = ++submitCount;
        validation.validate(spec, ordinal);

        int activeMask = SlotWriter.activeMask(spec);
        int shape = TaskShape.of(activeMask);
        int blockNum = spec.launchSpec().blockNum();
        int ringId = scopes.ring();
        checkScopeRoom(ringId, ordinal, spec);
        long[] outOffsets = new long[spec.tensorCount()];
        long outBytes = SlotWriter.layoutOutputs(spec, outOffsets);

        boolean auto = scopes.mode() == ScopeMode.AUTO;
        if (hazards != null) hazards.checkSubmit(ordinal, spec.displayName(), spec, auto);
        if (auto) backPressure.awaitTensorMapRoom(ProducerInference.insertsOf(spec), ordinal, spec);

        TaskSlot slot = backPressure.allocate(ringId, outBytes, ordinal, spec);
        actor.charge(Cost.SUBMIT);
        long heapStart = slot.heapEnd - outBytes;
        slots.define(slot, spec, activeMask, shape, blockNum);

        producers.addExplicit(spec, slot);
        Tensor[] outputs = slots.materialize(spec, slot, heapStart, outOffsets);
        if (auto) producers.infer(spec, slot);
        if (submitObserver != null) notifyObserver(slot);
        slot.retainProducers();

        scopes.add(slot, outBytes);
        rt.submitted.incrementAndGet();
        // the name is built only for a trace: most submits never show theirs
        if (rt.recorder.enabled()) {
            rt.recorder.taskSubmitted(
                    slot.taskId, slot.name(), blockNum, shape, slot.syncStart, slot.earlyResolve, actor.now());
        }
        if (hazards != null) hazards.record(slot, spec);
        publish(slot);
        return new Submitted(slot.taskId, outputs);
    }

    private void checkScopeRoom(int ring, long ordinal, TaskSpec spec) {
        String full = scopes.fullRing(ring, rt.taskWindow);
        if (full != null)
            throw new DeadlockException(
                    ErrorCode.SCOPE_DEADLOCK, "submit #" + ordinal + " '" + spec.displayName() + "': " + full);
    }

    private void notifyObserver(TaskSlot slot) {
        long[] ids = new long[slot.producerCount];
        for (int i = 0; i < ids.length; i++) ids[i] = slot.producers[i].taskId;
        submitObserver.submitted(slot.taskId, slot.name(), ids);
    }

    private void publish(TaskSlot slot) {
        int round = 0;
        while (!rt.wiring.offer(slot)) {
            ensureUsable();
            actor.idle(++round);
        }
        rt.wakeScheduler(0);
    }

    // ---- allocation tasks and data access -----------------------------------------------------------

    @Override
    public Tensor[] allocTensors(OutputSpec... outs) {
        caller.enter("allocTensors");
        try {
            return allocChecked(outs);
        } finally {
            caller.exit();
        }
    }

    private Tensor[] allocChecked(OutputSpec... outs) {
        ensureUsable();
        long ordinal = ++submitCount;
        TaskSpec spec = TaskSpec.dummy().named("alloc");
        if (outs.length == 0 || outs.length > TaskSpec.MAX_TENSORS) {
            throw SubmitValidation.invalid(
                    ordinal, spec, "allocTensors takes 1.." + TaskSpec.MAX_TENSORS + " outputs, got " + outs.length);
        }
        spec.output(outs);
        int ringId = scopes.ring();
        checkScopeRoom(ringId, ordinal, spec);
        long[] offsets = new long[outs.length];
        long bytes = SlotWriter.layoutOutputs(spec, offsets);
        TaskSlot slot = backPressure.allocate(ringId, bytes, ordinal, spec);
        actor.charge(Cost.SUBMIT);
        slots.define(slot, spec, 0, TaskShape.DUMMY, 1);
        Tensor[] outputs = slots.materialize(spec, slot, slot.heapEnd - bytes, offsets);
        slot.markCompleted();
        rt.releaseProducer(slot); // never runs, so its own reference goes at once; the scope's stays
        scopes.add(slot, bytes);
        rt.submitted.incrementAndGet();
        rt.completed.incrementAndGet();
        return outputs;
    }

    @Override
    public double readElement(Tensor t, long... idx) {
        caller.enter("readElement");
        try {
            return readChecked(t, idx);
        } finally {
            caller.exit();
        }
    }

    private double readChecked(Tensor t, long... idx) {
        ensureUsable();
        List<TaskSlot> writers = new ArrayList<>();
        producers.writersOf(t, writers);
        if (hazards != null) hazards.checkRead(t, writers);
        long[] ids = new long[writers.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = writers.get(i).taskId;
        long start = actor.now();
        int round = 0;
        rt.orchestratorNeedsDrain = true;
        try {
            for (int i = 0; i < ids.length; i++) {
                TaskSlot w = writers.get(i);
                while (w.taskId == ids[i] && w.state == TaskSlot.PENDING) {
                    ensureUsable();
                    if (actor.now() - start > TENSOR_WAIT_TIMEOUT_NS) {
                        throw new TesseraException(
                                ErrorCode.TENSOR_WAIT_TIMEOUT,
                                "readElement waited more than " + TENSOR_WAIT_TIMEOUT_NS / 1_000_000_000 + " s for " + w
                                        + " to finish writing " + t);
                    }
                    actor.idle(++round);
                }
            }
        } finally {
            rt.orchestratorNeedsDrain = false;
        }
        return t.get(idx);
    }

    @Override
    public Tensor keep(String name, Tensor t) {
        caller.check("keep");
        ensureUsable();
        long ordinal = submitCount + 1;
        String problem = kept.problemWith(name, t);
        if (problem != null) throw SubmitValidation.invalid(ordinal, "keep " + name, problem);
        Tensor copy = KeptTensors.allocateCopy(t);
        // inout, not input: later writers of t must wait for the copy, and the runtime (like the
        // reference) orders a writer after earlier writers only, never after pure readers
        TaskSpec copyTask =
                TaskSpec.aiv(KeptTensors.COPY).named("keep " + name).inout(t).output(copy);
        // in a MANUAL scope nothing is inferred: wait at least for the tensor's creator
        if (t.ownerTaskId() != Tensor.NO_OWNER) copyTask.dependsOn(t.ownerTaskId());
        submit(copyTask);
        kept.add(name, copy);
        return copy;
    }

    /** The tensors kept with {@link #keep}, by name, in keep order. */
    public java.util.Map<String, Tensor> kept() {
        return kept.all();
    }

    private void ensureUsable() {
        if (rt.errors.isSet()) throw rt.errors.get();
    }
}
