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
    private static final Lane[] LANES = Lane.values();

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

    private SyncStartCoordinator sync;
    private final int[] launchSched;
    private final int[] launchTarget;
    private final int[] postSched;
    private final int[] postCore;
    private final int[] postToken;
    private int postCount;

    private boolean progress;
    private boolean wasIdle;
    private int wiringBackoff;
    private long blocksDispatched;
    private long subtasksDispatched;
    private long lastFinishSeenNs;

    private Scheduler(RuntimeState rt, int id, Actor actor, DispatchPolicy policy, PlatformSession session) {
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
        int maxTargets = 2 * topology.clusters();
        this.launchSched = new int[maxTargets];
        this.launchTarget = new int[maxTargets];
        this.postSched = new int[3 * topology.clusters()];
        this.postCore = new int[3 * topology.clusters()];
        this.postToken = new int[3 * topology.clusters()];
    }

    /** The schedulers of one run, sharing one sync-start coordinator. */
    public static Scheduler[] createAll(RuntimeState rt, PlatformSession session, DispatchPolicy policy, SyncStartMode mode) {
        Scheduler[] all = new Scheduler[rt.topology.schedulers()];
        for (int s = 0; s < all.length; s++) all[s] = new Scheduler(rt, s, session.schedulerActor(s), policy, session);
        SyncStartCoordinator coordinator = new SyncStartCoordinator(mode, all, rt.errors, rt.recorder);
        for (Scheduler s : all) s.bind(coordinator);
        return all;
    }

    void bind(SyncStartCoordinator coordinator) {
        this.sync = coordinator;
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
        long idleSince = 0;
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
                sync.world.safePoint(id, actor);
                boolean frozen = handleCohort();
                if (!frozen) {
                    if (id == 0) {
                        wire();
                        completeDummies();
                    }
                    dispatchAll();
                }
                flushLocalReady();
                if (++iterations % TIMEOUT_CHECK_INTERVAL == 0) checkCoreTimeouts();
                if (progress) {
                    idleRounds = 0;
                    wasIdle = false;
                } else {
                    flushReleases();
                    wasIdle = true;
                    if (idleRounds == 0) idleSince = actor.now();
                    if (idleRounds == 0 || idleRounds % TIMEOUT_CHECK_INTERVAL == 0) {
                        checkCoreTimeouts();
                        if (id == 0) checkStall(idleSince);
                    }
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
                    // the core latched the running payload; with a pending dispatch posted, the
                    // occupied flag is the pending one's and only its own ACK may clear it
                    if (t.pendTask[c] == null) t.pendingOccupied[c] = false;
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
        if (task.finishSubtask() == task.totalSubtasks) {
            rt.completeTask(task, actor, toLocal, scratch);
            deferRelease(task);
        }
    }

    /** Batches the release of a task completed by this scheduler (counted by {@code completeTask}). */
    private void deferRelease(TaskSlot t) {
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
        if (t.addFanin(early + 1) == t.faninCount) {
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
            if (t.syncStart) {
                if (!pendingPhase && candidates.remaining() >= t.blockNum) {
                    launchOnOwnCores(t);
                } else if (pendingPhase || !sync.begin(t, id)) {
                    // never into pending slots; and one drain at a time: it goes back after this pass
                    holdBack(t);
                    continue;
                }
                progress = true;
                if (candidates.remaining() == 0) tracker.candidates(shape, pendingPhase, candidates);
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
        placeBlock(actor, id, target, task, blockIdx, false);
        blocksDispatched++;
    }

    /**
     * Writes the payloads of one block onto target {@code target} of this scheduler's cores, on
     * behalf of scheduler {@code dispatcher} who pays with {@code payer}. Posts the tokens at once,
     * or, for a cohort ({@code deferPost}), leaves them in {@code launcher}'s post list.
     */
    private void placeBlock(Actor payer, int dispatcher, int target, TaskSlot task, int blockIdx, boolean deferPost) {
        CoreTracker t = tracker;
        switch (task.shape) {
            case TaskShape.MIX -> {
                int base = 3 * target;
                for (Lane l : LANES) {
                    if ((task.activeMask & l.bit()) == 0) continue;
                    int c = base + l.ordinal();
                    placeSubtask(payer, dispatcher, c, task, l.ordinal(), blockIdx, !t.idle[c], deferPost);
                }
            }
            case TaskShape.AIC -> placeSubtask(payer, dispatcher, 3 * target, task, Lane.AIC.ordinal(), blockIdx, !t.idle[3 * target], deferPost);
            default -> placeSubtask(payer, dispatcher, target, task, Lane.AIV0.ordinal(), blockIdx, !t.idle[target], deferPost);
        }
        if (task.syncStart) task.blockPlaced();
    }

    private void placeSubtask(Actor payer, int dispatcher, int c, TaskSlot task, int slot, int blockIdx, boolean toPending, boolean deferPost) {
        CoreTracker t = tracker;
        if (toPending && task.syncStart) throw new IllegalStateException(task + ": a sync-start block must start on an idle core");
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
        payer.charge(Cost.PAYLOAD_BUILD);
        long now = payer.now();
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
            t.runSince[c] = now;
            t.idle[c] = false;
            t.running++;
        }
        t.pendingOccupied[c] = true;
        rt.recorder.dispatched(dispatcher, core, token, task.taskId, blockIdx, slot, task.readyNs, now);
        Scheduler dispatcherScheduler = sync.schedulers[dispatcher];
        dispatcherScheduler.subtasksDispatched++;
        if (deferPost) {
            dispatcherScheduler.deferPost(id, c, token);
        } else {
            payer.charge(Cost.REGISTER_WRITE);
            ports[c].post(token);
        }
    }

    private void deferPost(int scheduler, int core, int token) {
        postSched[postCount] = scheduler;
        postCore[postCount] = core;
        postToken[postCount++] = token;
    }

    private void postDeferred() {
        for (int i = 0; i < postCount; i++) {
            actor.charge(Cost.REGISTER_WRITE);
            sync.schedulers[postSched[i]].ports[postCore[i]].post(postToken[i]);
        }
        postCount = 0;
    }

    // ---- sync-start cohorts (spec §4.9) ---------------------------------------------------------

    /**
     * Places every block of {@code task} on this scheduler's idle targets in one step: all payloads
     * first, then all register writes, so no block starts before every block is placed.
     */
    private void launchOnOwnCores(TaskSlot task) {
        actor.charge(Cost.BLOCK_CLAIM);
        long claim = task.claimBlocks(task.blockNum);
        int first = (int) (claim >>> 32);
        for (int b = 0; b < task.blockNum; b++) {
            placeBlock(actor, id, candidates.pollFirst(), task, first + b, true);
            blocksDispatched++;
        }
        postDeferred();
    }

    /** Drives the pending cohort, if any; returns true when this scheduler must not dispatch now. */
    private boolean handleCohort() {
        Cohort cohort = sync.active();
        if (cohort == null) return false;
        if (sync.mode == SyncStartMode.FREEZE_ALL) {
            if (cohort.owner == id) freezeAndTryLaunch(cohort);
            return true;
        }
        reserveFor(cohort);
        if (cohort.ready.get() >= cohort.need && sync.world.stop(id, actor)) {
            try {
                if (sync.active() == cohort) launchReserved(cohort);
            } finally {
                sync.world.resume();
            }
        }
        return false;
    }

    /** The reference's drain: with everyone stopped, launch if enough targets are idle anywhere. */
    private void freezeAndTryLaunch(Cohort cohort) {
        if (!sync.world.stop(id, actor)) return;
        try {
            int n = 0;
            for (Scheduler s : sync.schedulers) {
                CoreTracker t = s.tracker;
                for (int i = 0; i < t.targets(cohort.shape) && n < cohort.need; i++) {
                    int core = t.targetCore(cohort.shape, i);
                    if (t.targetIdle(cohort.shape, core)) {
                        launchSched[n] = s.id;
                        launchTarget[n++] = CoreTracker.targetItem(cohort.shape, core);
                    }
                }
            }
            if (n == cohort.need) launch(cohort, n);
        } finally {
            sync.world.resume();
        }
    }

    /**
     * Tessera's drain: set aside this scheduler's share of targets. Idle targets first; busy ones
     * only after every scheduler has offered its idle ones, preferring those with no pending work;
     * and an idle target replaces a busy one set aside earlier on the same scheduler.
     */
    private void reserveFor(Cohort cohort) {
        CoreTracker t = tracker;
        int shape = cohort.shape;
        int targets = t.targets(shape);
        for (int i = 0; i < targets; i++) {
            int core = t.targetCore(shape, i);
            if (t.held[core] && !t.counted[core] && t.targetIdle(shape, core)) {
                t.counted[core] = true;
                cohort.ready.incrementAndGet();
                progress = true;
            }
        }
        for (int i = 0; i < targets; i++) {
            int core = t.targetCore(shape, i);
            if (t.targetHeld(shape, core) || !t.targetIdle(shape, core)) continue;
            if (swapOutBusyTarget(shape) || cohort.tryDesignate()) {
                t.hold(shape, core, true);
                t.counted[core] = true;
                cohort.ready.incrementAndGet();
                progress = true;
            } else {
                break;
            }
        }
        if (!cohort.visit(id)) return;
        for (int pass = 0; pass < 2 && cohort.designated.get() < cohort.need; pass++) {
            for (int i = 0; i < targets; i++) {
                int core = t.targetCore(shape, i);
                if (t.targetHeld(shape, core) || (pass == 0 && t.targetHasPending(shape, core))) continue;
                if (!cohort.tryDesignate()) break;
                t.hold(shape, core, true);
                progress = true;
            }
        }
    }

    /** Un-holds one of this scheduler's busy held targets, keeping the cohort's count; true if found. */
    private boolean swapOutBusyTarget(int shape) {
        CoreTracker t = tracker;
        for (int i = 0; i < t.targets(shape); i++) {
            int core = t.targetCore(shape, i);
            if (t.held[core] && !t.counted[core]) {
                t.hold(shape, core, false);
                return true;
            }
        }
        return false;
    }

    private void launchReserved(Cohort cohort) {
        int n = 0;
        for (Scheduler s : sync.schedulers) {
            CoreTracker t = s.tracker;
            for (int i = 0; i < t.targets(cohort.shape); i++) {
                int core = t.targetCore(cohort.shape, i);
                if (t.held[core] && n < cohort.need) {
                    launchSched[n] = s.id;
                    launchTarget[n++] = CoreTracker.targetItem(cohort.shape, core);
                }
            }
        }
        if (n != cohort.need) throw new IllegalStateException("cohort of " + cohort.need + " found " + n + " reserved targets");
        launch(cohort, n);
    }

    /** With the world stopped: place every block on the chosen targets, then post them all. */
    private void launch(Cohort cohort, int n) {
        TaskSlot task = cohort.task;
        actor.charge(Cost.BLOCK_CLAIM);
        long claim = task.claimBlocks(task.blockNum);
        int first = (int) (claim >>> 32);
        for (int b = 0; b < n; b++) {
            sync.schedulers[launchSched[b]].placeBlock(actor, id, launchTarget[b], task, first + b, true);
            blocksDispatched++;
        }
        for (Scheduler s : sync.schedulers) s.tracker.releaseAllHeld();
        postDeferred();
        sync.finish(cohort);
        progress = true;
    }

    /** One line per core and queue: what this scheduler sees, for stall reports. */
    public String describe() {
        StringBuilder sb = new StringBuilder("scheduler " + id + ": submitted " + rt.submitted.get() + " completed " + rt.completed.get()
                + " wiring " + rt.wiring.size() + " orchDone " + rt.orchestratorDone + " local " + Arrays.toString(localCount)
                + " world " + sync.world.requested());
        Cohort c = sync.active();
        if (c != null) sb.append(" cohort ").append(c.task).append(" need ").append(c.need).append(" designated ")
                .append(c.designated.get()).append(" ready ").append(c.ready.get()).append(" visitors ").append(c.visitors.get());
        for (int s = 0; s < 4; s++) sb.append(" q").append(s).append('=').append(rt.ready.size(s));
        if (id == 0) {
            for (var ring : rt.rings) {
                for (long l = ring.lastTaskAlive(); l < ring.allocated(); l++) {
                    TaskSlot x = ring.slot(l);
                    if (x.state != TaskSlot.PENDING) continue;
                    sb.append("\n  ").append(x).append(" fanin ").append(x.faninRefcount()).append('/').append(x.faninCount)
                            .append(" subtasks ").append(x.completedSubtasks()).append('/').append(x.totalSubtasks)
                            .append(" next ").append(x.nextBlock()).append(" placed ").append(x.placedBlocks())
                            .append(" sync ").append(x.syncStart).append(" shape ").append(x.shape);
                }
            }
        }
        CoreTracker t = tracker;
        for (int i = 0; i < t.cores(); i++) {
            sb.append("\n  ").append(topology.coreLabel(t.coreIds[i])).append(t.idle[i] ? " idle" : " run " + t.runTask[i])
                    .append(t.pendTask[i] != null ? " pend " + t.pendTask[i] : "").append(t.held[i] ? " held" : "")
                    .append(t.pendingOccupied[i] ? " occ" : "").append(" status=").append(Integer.toHexString(ports[i].status()));
        }
        return sb.toString();
    }

    // ---- faults --------------------------------------------------------------------------------

    /**
     * Nothing runs anywhere, the orchestrator is done, yet tasks are unfinished: a lost task. This
     * must never happen; if it does, fail with a picture of every scheduler instead of hanging.
     */
    private void checkStall(long idleSince) {
        if (!rt.orchestratorDone || !rt.hasWorkInFlight() || actor.now() - idleSince <= coreTimeoutNs) return;
        for (Scheduler s : sync.schedulers) if (s.tracker.running > 0) return;
        StringBuilder sb = new StringBuilder();
        for (Scheduler s : sync.schedulers) sb.append('\n').append(s.describe());
        rt.errors.set(new ExecutionException(ErrorCode.SCHEDULER_TIMEOUT, "no task finished for " + coreTimeoutNs / 1_000_000
                + " ms although " + (rt.submitted.get() - rt.completed.get()) + " are unfinished and no core is busy:" + sb, null));
    }

    private void checkCoreTimeouts() {
        long now = actor.now();
        CoreTracker t = tracker;
        for (int c = 0; c < t.cores(); c++) {
            if (t.idle[c] || now - t.runSince[c] <= coreTimeoutNs) continue;
            TaskSlot task = t.runTask[c];
            int core = t.coreIds[c];
            rt.errors.set(new ExecutionException(ErrorCode.CORE_TIMEOUT, "core " + topology.coreLabel(core) + " (id " + core
                    + ", cluster " + topology.clusterOf(core) + ") ran block " + t.runBlock[c] + " slot " + Lane.of(t.runSlot[c])
                    + " of task " + TaskIds.format(task.taskId) + " '" + task.name() + "' for more than "
                    + coreTimeoutNs / 1_000_000 + " ms without finishing (coreTimeout). " + ExecutionException.UNSTOPPABLE_KERNEL, null));
            return;
        }
    }
}
