package dev.tessera.scheduler;

import dev.tessera.api.TaskIds;
import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.errors.ErrorCode;
import dev.tessera.errors.ExecutionException;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.platform.PlatformSession;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;
import java.util.Arrays;

/**
 * One scheduler thread (spec §4.2): polls its cores for completions, wires new tasks (scheduler 0),
 * completes dependency-only tasks (scheduler 0), and dispatches ready tasks onto its idle cores,
 * then onto running cores whose pending slot is free.
 */
public final class Scheduler implements DispatchTarget, Runnable {
    static final int LOCAL_READY_CAP = 64;
    static final int DEFERRED_RELEASE_CAP = 256;
    static final int DUMMY_BATCH = 16;
    static final int WIRING_BATCH = 30;
    static final int WIRING_BACKOFF_LIMIT = 32;
    static final int TIMEOUT_CHECK_INTERVAL = 1024;

    private final RuntimeState rt;
    private final int id;
    private final Actor actor;
    private final DispatchPolicy policy;
    private final Topology topology;
    final CoreTracker tracker;
    private final CorePort[] ports;
    private final long coreTimeoutNs;

    private final CoreList candidates;
    private final TaskSlot[][] localReady = new TaskSlot[TaskShape.DISPATCHABLE][LOCAL_READY_CAP];
    private final int[] localCount = new int[TaskShape.DISPATCHABLE];
    private final TaskSlot[] deferredRelease = new TaskSlot[DEFERRED_RELEASE_CAP];
    private int deferredCount;
    private final TaskSlot[][] scratch = {new TaskSlot[16]};
    private TaskSlot[] putBack = new TaskSlot[8];
    private int putBackCount;
    private final RuntimeState.ReadySink toLocal = this::readyLocal;
    private final RuntimeState.ReadySink toGlobal = this::readyGlobal;

    private boolean progress;
    private boolean wasIdle;
    private int wiringBackoff;
    private long blocksDispatched;
    private long subtasksDispatched;
    private long lastFinishSeenNs;

    public Scheduler(RuntimeState rt, int id, Actor actor, DispatchPolicy policy, PlatformSession session) {
        this.rt = rt;
        this.id = id;
        this.actor = actor;
        this.policy = policy;
        this.topology = rt.topology;
        this.tracker = new CoreTracker(topology, id);
        this.ports = new CorePort[tracker.cores()];
        for (int c = 0; c < ports.length; c++) ports[c] = session.core(tracker.coreIds[c]);
        this.coreTimeoutNs = rt.config.coreTimeout().toNanos();
        this.candidates = new CoreList(tracker.cores());
    }

    public int id() { return id; }
    public long blocksDispatched() { return blocksDispatched; }
    public long subtasksDispatched() { return subtasksDispatched; }
    public long lastFinishSeenNs() { return lastFinishSeenNs; }

    @Override
    public Actor actor() {
        return actor;
    }

    @Override
    public void run() {
        int idleRounds = 0;
        long iterations = 0;
        try {
            while (!rt.finished && !rt.errors.isSet()) {
                if (!tracker.hasRunning() && rt.orchestratorDone && rt.completed.get() >= rt.submitted.get()) {
                    flushReleases();
                    if (rt.completed.get() >= rt.submitted.get()) {
                        rt.finished = true;
                        rt.wakeSchedulers();
                        break;
                    }
                }
                progress = false;
                actor.charge(Cost.LOOP);
                if (tracker.hasRunning()) pollCompletions();
                if (id == 0) {
                    wire();
                    completeDummies();
                }
                dispatchAll();
                flushLocalReady();
                if (++iterations % TIMEOUT_CHECK_INTERVAL == 0) checkCoreTimeouts();
                if (progress) {
                    idleRounds = 0;
                    wasIdle = false;
                } else {
                    flushReleases();
                    wasIdle = true;
                    if (idleRounds == 0 || idleRounds % TIMEOUT_CHECK_INTERVAL == 0) checkCoreTimeouts();
                    actor.idle(++idleRounds);
                }
            }
        } finally {
            flushReleases();
        }
    }

    // ---- phase 1: completions ------------------------------------------------------------------

    private void pollCompletions() {
        CoreTracker t = tracker;
        for (int c = 0; c < t.cores(); c++) {
            if (t.idle[c]) continue;
            int status = ports[c].status();
            actor.charge(Cost.COMPLETION_POLL);
            int token = CorePort.id(status);
            boolean fin = CorePort.isFin(status);
            if (t.pendTask[c] != null && token == t.pendToken[c]) {
                finished(c, t.runTask[c], t.runToken[c]);
                if (fin) {
                    finished(c, t.pendTask[c], t.pendToken[c]);
                    t.runTask[c] = null;
                    t.pendTask[c] = null;
                    t.idle[c] = true;
                    t.running--;
                } else {
                    t.runTask[c] = t.pendTask[c];
                    t.runSlot[c] = t.pendSlot[c];
                    t.runBlock[c] = t.pendBlock[c];
                    t.runToken[c] = t.pendToken[c];
                    t.runSince[c] = actor.now();
                    t.pendTask[c] = null;
                }
                t.pendingOccupied[c] = false;
                progress = true;
            } else if (token == t.runToken[c]) {
                if (!fin) {
                    t.pendingOccupied[c] = false;
                } else if (t.pendTask[c] == null) {
                    finished(c, t.runTask[c], t.runToken[c]);
                    t.runTask[c] = null;
                    t.idle[c] = true;
                    t.pendingOccupied[c] = false;
                    t.running--;
                    progress = true;
                }
            }
        }
    }

    private void finished(int localCore, TaskSlot task, int token) {
        long now = actor.now();
        if (now > lastFinishSeenNs) lastFinishSeenNs = now;
        rt.recorder.finishSeen(id, tracker.coreIds[localCore], token, now);
        if (task.completedSubtasks.incrementAndGet() == task.totalSubtasks) {
            rt.completeTask(task, actor, toLocal, scratch);
            deferRelease(task);
        }
    }

    private void deferRelease(TaskSlot t) {
        rt.pendingReleases.incrementAndGet();
        deferredRelease[deferredCount++] = t;
        if (deferredCount == DEFERRED_RELEASE_CAP) flushReleases();
    }

    private void flushReleases() {
        int n = deferredCount;
        if (n == 0) return;
        for (int i = 0; i < n; i++) {
            rt.releaseTask(deferredRelease[i], actor);
            deferredRelease[i] = null;
        }
        deferredCount = 0;
        rt.pendingReleases.addAndGet(-n);
    }

    // ---- ready routing ---------------------------------------------------------------------------

    private void readyLocal(TaskSlot t) {
        t.readyNs = actor.now();
        int shape = t.shape;
        if (shape == TaskShape.DUMMY || localCount[shape] == LOCAL_READY_CAP) {
            rt.ready.push(t, actor);
            rt.wakeSchedulers();
        } else {
            localReady[shape][localCount[shape]++] = t;
        }
    }

    private void readyGlobal(TaskSlot t) {
        t.readyNs = actor.now();
        rt.ready.push(t, actor);
    }

    private TaskSlot nextReady(int shape) {
        int n = localCount[shape];
        if (n > 0) {
            TaskSlot t = localReady[shape][--n];
            localReady[shape][n] = null;
            localCount[shape] = n;
            return t;
        }
        if (rt.ready.isEmpty(shape)) return null;
        return rt.ready.poll(shape, actor);
    }

    /** Leftover local tasks go global every iteration, so no scheduler hoards ready work. */
    private void flushLocalReady() {
        boolean pushed = false;
        for (int s = 0; s < TaskShape.DISPATCHABLE; s++) {
            for (int i = 0; i < localCount[s]; i++) {
                rt.ready.push(localReady[s][i], actor);
                localReady[s][i] = null;
                pushed = true;
            }
            localCount[s] = 0;
        }
        if (pushed) rt.wakeSchedulers();
    }

    @Override
    public void requeue(TaskSlot task) {
        rt.ready.push(task, actor);
        rt.wakeSchedulers();
    }

    // ---- scheduler 0: wiring and dummy tasks ------------------------------------------------------

    /**
     * Wires newly submitted tasks (spec §3.5). Like the reference it waits for a batch while busy;
     * unlike it, an idle scheduler wires at once, so a lone submit is not delayed by the batching.
     */
    private void wire() {
        int queued = rt.wiring.size();
        if (queued == 0) return;
        if (queued < WIRING_BATCH && !rt.orchestratorDone && !rt.orchestratorNeedsDrain && !wasIdle
                && wiringBackoff < WIRING_BACKOFF_LIMIT) {
            wiringBackoff++;
            return;
        }
        wiringBackoff = 0;
        for (int i = 0; i < WIRING_BATCH; i++) {
            TaskSlot t = rt.wiring.poll();
            if (t == null) break;
            actor.charge(Cost.WIRE_TASK);
            wireTask(t);
            progress = true;
        }
    }

    private void wireTask(TaskSlot t) {
        int n = t.producerCount;
        t.faninCount = n + 1; // +1 so it cannot become ready while edges are still being added
        int early = 0;
        for (int i = 0; i < n; i++) {
            if (!t.producers[i].addConsumerIfPending(t)) early++;
        }
        if (t.faninRefcount.addAndGet(early + 1) == t.faninCount) {
            if (t.shape == TaskShape.DUMMY) readyGlobal(t);
            else readyLocal(t);
        }
    }

    private void completeDummies() {
        for (int i = 0; i < DUMMY_BATCH; i++) {
            if (rt.ready.isEmpty(TaskShape.DUMMY)) return;
            TaskSlot t = rt.ready.poll(TaskShape.DUMMY, actor);
            if (t == null) return;
            rt.completeTask(t, actor, toLocal, scratch);
            deferRelease(t);
            progress = true;
        }
    }

    // ---- phase 4: dispatch ----------------------------------------------------------------------

    private void dispatchAll() {
        int first = (id & 1) == 0 ? TaskShape.AIC : TaskShape.AIV;
        int second = first == TaskShape.AIC ? TaskShape.AIV : TaskShape.AIC;
        dispatchShape(TaskShape.MIX);
        dispatchShape(first);
        dispatchShape(second);
    }

    private void dispatchShape(int shape) {
        dispatchPhase(shape, false);
        dispatchPhase(shape, true);
    }

    private void dispatchPhase(int shape, boolean pendingPhase) {
        tracker.candidates(shape, pendingPhase, candidates);
        while (candidates.remaining() > 0) {
            TaskSlot t = nextReady(shape);
            if (t == null) break;
            if (t.syncStart && (pendingPhase || candidates.remaining() < t.unclaimedBlocks())) {
                // a cohort that cannot start whole here waits; it goes back after this pass
                holdBack(t);
                continue;
            }
            policy.dispatch(this, t, candidates);
            progress = true;
            if (candidates.remaining() == 0) tracker.candidates(shape, pendingPhase, candidates);
        }
        for (int i = 0; i < putBackCount; i++) {
            rt.ready.push(putBack[i], actor);
            putBack[i] = null;
        }
        putBackCount = 0;
    }

    private void holdBack(TaskSlot t) {
        if (putBackCount == putBack.length) putBack = Arrays.copyOf(putBack, putBackCount * 2);
        putBack[putBackCount++] = t;
    }

    @Override
    public void dispatchBlock(CoreList cores, TaskSlot task, int blockIdx) {
        int target = cores.pollFirst();
        CoreTracker t = tracker;
        switch (task.shape) {
            case TaskShape.MIX -> {
                int base = 3 * target;
                for (Lane l : Lane.values()) {
                    if ((task.activeMask & l.bit()) == 0) continue;
                    int c = base + l.ordinal();
                    dispatchSubtask(c, task, l.ordinal(), blockIdx, !t.idle[c]);
                }
            }
            case TaskShape.AIC -> dispatchSubtask(3 * target, task, Lane.AIC.ordinal(), blockIdx, !t.idle[3 * target]);
            default -> dispatchSubtask(target, task, Lane.AIV0.ordinal(), blockIdx, !t.idle[target]);
        }
        blocksDispatched++;
    }

    private void dispatchSubtask(int c, TaskSlot task, int slot, int blockIdx, boolean toPending) {
        CoreTracker t = tracker;
        int token = (++t.seq[c]) & CorePort.ID_MASK;
        if (token >= 0x7FFF_FFF0) {
            // keep parity (it picks the payload buffer) and stay clear of reserved ids
            t.seq[c] = token = 2;
        }
        int core = t.coreIds[c];
        DispatchPayload p = rt.payloads[core][token & 1];
        p.kernel = task.kernels[slot];
        p.tensors = task.tensors;
        p.tensorCount = task.tensorCount;
        p.scalars = task.scalars;
        p.scalarCount = task.scalarCount;
        p.taskId = task.taskId;
        p.blockIdx = blockIdx;
        p.blockNum = task.blockNum;
        p.slot = slot;
        p.task = task;
        actor.charge(Cost.PAYLOAD_BUILD);
        if (toPending) {
            t.pendTask[c] = task;
            t.pendSlot[c] = slot;
            t.pendBlock[c] = blockIdx;
            t.pendToken[c] = token;
        } else {
            t.runTask[c] = task;
            t.runSlot[c] = slot;
            t.runBlock[c] = blockIdx;
            t.runToken[c] = token;
            t.runSince[c] = actor.now();
            t.idle[c] = false;
            t.running++;
        }
        t.pendingOccupied[c] = true;
        long now = actor.now();
        rt.recorder.dispatched(id, core, token, task.taskId, blockIdx, slot, task.readyNs, now);
        actor.charge(Cost.REGISTER_WRITE);
        ports[c].post(token);
        subtasksDispatched++;
    }

    // ---- faults --------------------------------------------------------------------------------

    private void checkCoreTimeouts() {
        long now = actor.now();
        CoreTracker t = tracker;
        for (int c = 0; c < t.cores(); c++) {
            if (t.idle[c] || now - t.runSince[c] <= coreTimeoutNs) continue;
            TaskSlot task = t.runTask[c];
            int core = t.coreIds[c];
            rt.errors.set(new ExecutionException(ErrorCode.CORE_TIMEOUT, "core " + topology.coreLabel(core) + " (id " + core
                    + ", cluster " + topology.clusterOf(core) + ") ran block " + t.runBlock[c] + " slot " + Lane.of(t.runSlot[c])
                    + " of task " + TaskIds.format(task.taskId) + " '" + task.name + "' for more than "
                    + coreTimeoutNs / 1_000_000 + " ms without finishing (coreTimeout)", null));
            return;
        }
    }
}
