package dev.tessera.scheduler;

import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.dispatch.DispatchOptions;
import dev.tessera.dispatch.Mechanism;
import dev.tessera.platform.Actor;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.Cost;
import dev.tessera.platform.PlatformSession;

/**
 * One scheduler thread (spec §4.2): the loop that runs its phases, each a collaborator named for
 * what it does.
 *
 * <ol>
 *   <li>{@link CompletionPoller}: read the status of every busy core, complete finished tasks
 *       ({@link TaskCompleter}); newly ready consumers stay local ({@link ReadyRouter}).</li>
 *   <li>{@link StopTheWorld#safePoint}: park here while another scheduler launches a cohort.</li>
 *   <li>{@link CohortLauncher#step}: help a pending sync-start cohort; in FREEZE_ALL, dispatch nothing meanwhile.</li>
 *   <li>Scheduler 0 only: {@link Wiring} of new tasks, and dependency-only tasks.</li>
 *   <li>{@link Dispatcher}: ready tasks onto idle cores, then into pending registers ({@link BlockPlacer});
 *       with early dispatch and no ready task left, early candidates staged gated ({@link EarlyStager}).</li>
 *   <li>{@link ReadyRouter#flushLocal}: leftover local ready tasks go global.</li>
 *   <li>Idle: {@link DeferredReleases#flush}, {@link StallWatchdog}, back off.</li>
 * </ol>
 */
public final class Scheduler implements Runnable {
    static final int TIMEOUT_CHECK_INTERVAL = 1024;

    private final RuntimeState rt;
    private final int id;
    private final Actor actor;
    final CoreTracker tracker;
    private final CorePort[] ports;
    private final ReadyRouter router;
    private final DeferredReleases releases;
    private final TaskCompleter completer;
    private final CompletionPoller completions;
    private final Wiring wiring;
    private final BlockPlacer placer;
    private final StallWatchdog watchdog;
    private CohortLauncher cohorts;
    private Dispatcher dispatcher;
    private SyncStartCoordinator sync;
    private Scheduler[] all;
    private boolean wasIdle;

    /** Shared by the schedulers of one run: what the policy's mechanisms need in common. */
    private record Shared(
            DispatchOptions options,
            SyncStartLanes lanes,
            PeerIdleHints hints,
            Handoffs handoffs,
            EarlyDispatch early) {}

    private final Shared shared;

    private Scheduler(RuntimeState rt, int id, Actor actor, PlatformSession session, Shared shared) {
        this.shared = shared;
        this.rt = rt;
        this.id = id;
        this.actor = actor;
        this.tracker = new CoreTracker(rt.topology, id);
        this.ports = new CorePort[tracker.cores()];
        for (int c = 0; c < ports.length; c++) ports[c] = session.core(tracker.coreIds[c]);
        DispatchOptions options = shared.options();
        LocalReady local = null;
        if (!options.has(Mechanism.SHARED_READY)) {
            int[] keep = new int[TaskShape.DISPATCHABLE];
            // with burst publish, #989's overflow spill: keep no more than this scheduler can start
            for (int s = 0; s < keep.length; s++)
                keep[s] = options.has(Mechanism.BURST_PUBLISH) ? tracker.targets(s) : LocalReady.CAPACITY;
            local = new LocalReady(keep);
        }
        this.router = new ReadyRouter(rt, actor, local, shared.lanes(), shared.early());
        this.releases = new DeferredReleases(rt, actor);
        this.completer = new TaskCompleter(rt, actor, router, releases);
        this.completions = new CompletionPoller(rt, id, actor, tracker, ports, completer);
        this.wiring = new Wiring(rt, actor, router, shared.early());
        this.placer = new BlockPlacer(
                rt,
                id,
                tracker,
                ports,
                Publisher.of(options, ports.length),
                shared.early(),
                options.has(Mechanism.DRAIN_LAYOUT));
        this.watchdog = new StallWatchdog(rt, actor, tracker);
    }

    /** The schedulers of one run, sharing one sync-start coordinator. */
    public static Scheduler[] createAll(
            RuntimeState rt, PlatformSession session, DispatchPolicy policy, SyncStartMode mode) {
        Scheduler[] all = new Scheduler[rt.topology.schedulers()];
        DispatchOptions options = policy.options();
        SyncStartLanes lanes = options.has(Mechanism.SYNC_LANES) ? new SyncStartLanes(rt.ready.capacity()) : null;
        boolean handoff = options.has(Mechanism.PEER_HANDOFF) && options.has(Mechanism.PARALLEL_CLAIM);
        PeerIdleHints hints = options.has(Mechanism.MIX_PRIORITY) || handoff ? new PeerIdleHints(all.length) : null;
        EarlyDispatch early = options.has(Mechanism.EARLY_DISPATCH) ? new EarlyDispatch(rt.recorder) : null;
        Shared shared = new Shared(options, lanes, hints, handoff ? new Handoffs(all.length) : null, early);
        BlockPlacer[] placers = new BlockPlacer[all.length];
        Actor[] actors = new Actor[all.length];
        for (int s = 0; s < all.length; s++) {
            all[s] = new Scheduler(rt, s, session.schedulerActor(s), session, shared);
            placers[s] = all[s].placer;
            actors[s] = all[s].actor;
        }
        SyncStartCoordinator coordinator = new SyncStartCoordinator(mode, placers, actors, rt.errors, rt.recorder);
        for (Scheduler s : all) s.bind(coordinator, policy, all);
        return all;
    }

    private void bind(SyncStartCoordinator coordinator, DispatchPolicy policy, Scheduler[] schedulers) {
        this.sync = coordinator;
        this.all = schedulers;
        this.cohorts = new CohortLauncher(
                id,
                actor,
                placer,
                coordinator,
                rt.topology.clusters(),
                shared.options().has(Mechanism.SPLIT_LAUNCH));
        PeerHandoff handoff =
                shared.handoffs() == null ? null : new PeerHandoff(id, rt, actor, shared.handoffs(), shared.hints());
        DispatchOrder order = DispatchOrder.of(shared.options(), id, shared.hints());
        EarlyStager early =
                shared.early() == null ? null : new EarlyStager(actor, tracker, placer, shared.early(), order);
        this.dispatcher = new Dispatcher(
                id, actor, tracker, policy, router, placer, cohorts, order, handoff, early, schedulers.length);
    }

    public int id() {
        return id;
    }

    public Actor actor() {
        return actor;
    }

    public long blocksDispatched() {
        return placer.blocksDispatched();
    }

    public long subtasksDispatched() {
        return placer.subtasksDispatched();
    }

    public long lastFinishSeenNs() {
        return completions.lastFinishSeenNs();
    }

    @Override
    public void run() {
        int idleRounds = 0;
        long iterations = 0;
        long idleSince = 0;
        try {
            while (!rt.finished && !rt.errors.isSet()) {
                if (!tracker.hasRunning() && rt.orchestratorDone && rt.completed.get() >= rt.submitted.get()) {
                    releases.flush();
                    if (rt.completed.get() >= rt.submitted.get()) {
                        rt.finished = true;
                        rt.wakeSchedulers();
                        break;
                    }
                }
                boolean progress = false;
                actor.charge(Cost.LOOP);
                if (tracker.hasRunning()) progress = completions.poll();
                if (shared.hints() != null) shared.hints().publish(id, tracker);
                sync.world.safePoint(id, actor);
                int cohort = cohorts.step();
                progress |= (cohort & CohortLauncher.PROGRESS) != 0;
                if ((cohort & CohortLauncher.FROZEN) == 0) {
                    if (id == 0) {
                        progress |= wiring.wire(wasIdle);
                        progress |= completer.completeDependencyOnly();
                    }
                    progress |= dispatcher.dispatchAll();
                    if (shared.hints() != null) shared.hints().publish(id, tracker);
                }
                router.flushLocal();
                if (++iterations % TIMEOUT_CHECK_INTERVAL == 0) watchdog.checkCoreTimeouts();
                if (progress) {
                    idleRounds = 0;
                    wasIdle = false;
                } else {
                    releases.flush();
                    wasIdle = true;
                    if (idleRounds == 0) idleSince = actor.now();
                    if (idleRounds == 0 || idleRounds % TIMEOUT_CHECK_INTERVAL == 0) {
                        watchdog.checkCoreTimeouts();
                        if (id == 0) watchdog.checkStall(idleSince, all);
                    }
                    actor.idle(++idleRounds);
                }
            }
        } finally {
            releases.flush();
        }
    }

    /** One line per core and queue: what this scheduler sees, for stall reports. */
    String describe() {
        StringBuilder sb = new StringBuilder(
                "scheduler " + id + ": submitted " + rt.submitted.get() + " completed " + rt.completed.get()
                        + " wiring " + rt.wiring.size() + " orchDone " + rt.orchestratorDone + " local "
                        + router.describeLocal()
                        + " world " + sync.world.requested());
        Cohort c = sync.active();
        if (c != null)
            sb.append(" cohort ")
                    .append(c.task)
                    .append(" need ")
                    .append(c.need)
                    .append(" designated ")
                    .append(c.designated.get())
                    .append(" ready ")
                    .append(c.ready.get())
                    .append(" visitors ")
                    .append(c.visitors.get());
        for (int s = 0; s < 4; s++) sb.append(" q").append(s).append('=').append(rt.ready.size(s));
        if (id == 0) {
            for (var ring : rt.rings) {
                for (long l = ring.lastTaskAlive(); l < ring.allocated(); l++) {
                    TaskSlot x = ring.slot(l);
                    if (x.state != TaskSlot.PENDING) continue;
                    sb.append("\n  ")
                            .append(x)
                            .append(" fanin ")
                            .append(x.faninRefcount())
                            .append('/')
                            .append(x.faninCount())
                            .append(" subtasks ")
                            .append(x.completedSubtasks())
                            .append('/')
                            .append(x.totalSubtasks)
                            .append(" next ")
                            .append(x.nextBlock())
                            .append(" placed ")
                            .append(x.placedBlocks())
                            .append(" sync ")
                            .append(x.syncStart)
                            .append(" shape ")
                            .append(x.shape);
                }
            }
        }
        CoreTracker t = tracker;
        for (int i = 0; i < t.cores(); i++) {
            sb.append("\n  ")
                    .append(rt.topology.coreLabel(t.coreIds[i]))
                    .append(t.idle[i] ? " idle" : " run " + t.runTask[i])
                    .append(t.pendTask[i] != null ? " pend " + t.pendTask[i] : "")
                    .append(t.held[i] ? " held" : "")
                    .append(t.pendingOccupied[i] ? " occ" : "")
                    .append(" status=")
                    .append(Integer.toHexString(ports[i].status()));
        }
        return sb.toString();
    }
}
