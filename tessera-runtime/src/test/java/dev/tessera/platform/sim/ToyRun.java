package dev.tessera.platform.sim;

import dev.tessera.api.Kernel;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Cost;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.topology.CoreType;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A miniature runtime on the sim platform, enough to exercise it without the real one: an
 * orchestrator submits independent SPMD tasks into one shared ready queue (with a bounded window of
 * tasks in flight), and each scheduler polls its own cores with the spec §4.3 decision table and
 * dispatches blocks into idle and pending slots, SERIAL (pre-#827) or PARALLEL (claim, re-queue,
 * then dispatch). Every status it reads is checked against what the recorder says the core did, so
 * a register that lies, lags or runs backwards fails the run.
 *
 * <p>Plain collections are enough: only the baton holder runs.
 */
final class ToyRun {
    enum Policy { SERIAL, PARALLEL }

    static final class Task {
        final int id;
        final Kernel kernel;
        final int blockNum;
        /** Cores this task may run on; {@code null} = any. */
        final CoreType type;
        int nextBlock;
        int done;
        long pushedAt;

        Task(int id, Kernel kernel, int blockNum, CoreType type) {
            this.id = id;
            this.kernel = kernel;
            this.blockNum = blockNum;
            this.type = type;
        }
    }

    private record Block(Task task, int idx) {
    }

    /** The scheduler's view of one core: running and pending slot, and whether its next buffer is free. */
    private static final class CoreState {
        final int id;
        final CorePort port;
        final CoreType type;
        Block running;
        Block pending;
        int runningToken;
        int pendingToken;
        boolean occupied;
        int seq;
        int lastRank;

        CoreState(int id, CorePort port, CoreType type) {
            this.id = id;
            this.port = port;
            this.type = type;
        }
    }

    final ToyHost host;
    final SimSession session;
    private final CostModel model;
    private final List<Task> tasks;
    private final Policy policy;
    private final int window;
    private final ArrayDeque<Task> ready = new ArrayDeque<>();
    private final Map<Actor, String> names = new IdentityHashMap<>();
    /** "actor@now op" for every charge and idle, in execution order. */
    final List<String> trace = new ArrayList<>();
    private boolean tracing = true;
    private boolean orchestratorDone;
    private int inFlight;
    private int completedTasks;

    ToyRun(SimPlatform platform, Topology topology, long seed, List<Task> tasks, Policy policy, int window) {
        this.host = new ToyHost(topology);
        this.session = platform.open(host, seed);
        this.model = platform.costModel();
        this.tasks = tasks;
        this.policy = policy;
        this.window = window;
        names.put(session.orchestratorActor(), "orchestrator");
        for (int s = 0; s < topology.schedulers(); s++) names.put(session.schedulerActor(s), "scheduler " + s);
    }

    /** {@code count} tasks of {@code blockNum} blocks of {@code kernel}, any core type. */
    static List<Task> tasks(int count, int blockNum, Kernel kernel) {
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(new Task(i, kernel, blockNum, null));
        return out;
    }

    ToyRun run() {
        int s = host.topology().schedulers();
        Runnable[] bodies = new Runnable[s];
        for (int i = 0; i < s; i++) {
            int id = i;
            bodies[i] = () -> schedule(id);
        }
        try (session) {
            session.execute(this::orchestrate, bodies);
        }
        return this;
    }

    /** Skips the string trace, for measuring the engine rather than the toy's bookkeeping. */
    ToyRun untraced() {
        tracing = false;
        return this;
    }

    int completedTasks() {
        return completedTasks;
    }

    private void orchestrate() {
        Actor me = session.orchestratorActor();
        for (Task t : tasks) {
            int round = 0;
            while (inFlight >= window) idle(me, ++round);
            charge(me, Cost.SUBMIT);
            inFlight++;
            push(me, t);
        }
        orchestratorDone = true;
    }

    private void schedule(int s) {
        Actor me = session.schedulerActor(s);
        List<CoreState> mine = coresOf(s);
        int round = 0;
        while (true) {
            boolean progress = false;
            for (CoreState c : mine) {
                if (c.running != null && poll(me, c)) progress = true;
            }
            if (dispatch(me, mine)) progress = true;
            if (orchestratorDone && completedTasks == tasks.size()) return;
            charge(me, Cost.LOOP);
            if (progress) round = 0;
            else idle(me, ++round);
        }
    }

    /** Spec §4.3 decision table; returns whether a dispatch completed. */
    private boolean poll(Actor me, CoreState c) {
        charge(me, Cost.COMPLETION_POLL);
        int st = c.port.status();
        check(me, c, st);
        int id = CorePort.id(st);
        boolean fin = CorePort.isFin(st);
        if (c.pending != null && id == c.pendingToken) {
            // Case 1 / 2: the pending one started (or even finished), so the running one is done.
            finish(me, c.running);
            if (fin) {
                finish(me, c.pending);
                c.running = null;
            } else {
                c.running = c.pending;
                c.runningToken = c.pendingToken;
            }
            c.pending = null;
            c.occupied = false;
            return true;
        }
        if (id == c.runningToken) {
            if (fin && c.pending == null) {
                finish(me, c.running);
                c.running = null;
                c.occupied = false;
                return true;
            }
            if (!fin) c.occupied = false; // case 4: the running payload is latched, its buffer may be reused
        }
        return false;
    }

    /** The register may only move forward, and must agree with what the core did and when. */
    private void check(Actor me, CoreState c, int st) {
        long now = me.now();
        long tick = model.tickNs();
        int rank = st == CorePort.IDLE_STATUS ? 0 : 2 * CorePort.id(st) + (CorePort.isFin(st) ? 1 : 0);
        if (rank < c.lastRank) throw new AssertionError("core " + c.id + " status went backwards at " + now + ": " + Integer.toHexString(st));
        if (rank > 2 * c.seq + 1) throw new AssertionError("core " + c.id + " shows token " + CorePort.id(st) + " never posted");
        c.lastRank = rank;
        if (st != CorePort.IDLE_STATUS) {
            int token = CorePort.id(st);
            long visible = CorePort.isFin(st)
                    ? host.endOf(c.id, token) + model.finVisibilityNs()
                    : host.startOf(c.id, token) + model.ackVisibilityNs();
            if (now < visible - visible % tick) throw new AssertionError("core " + c.id + " shows " + Integer.toHexString(st) + " at " + now + ", before " + visible);
        }
        if (c.running != null && c.pending == null) {
            long finVisible = Math.max(host.endOf(c.id, c.runningToken) + model.finVisibilityNs(),
                    host.startOf(c.id, c.runningToken) + model.ackVisibilityNs());
            if (now >= finVisible + tick && st != (CorePort.FIN_BIT | c.runningToken)) {
                throw new AssertionError("core " + c.id + " still shows " + Integer.toHexString(st) + " at " + now + ", its FIN was due at " + finVisible);
            }
        }
    }

    private boolean dispatch(Actor me, List<CoreState> mine) {
        boolean progress = false;
        for (boolean pendingPhase : new boolean[] {false, true}) {
            Task t;
            while ((t = ready.poll()) != null) {
                if (t.pushedAt > me.now()) throw new AssertionError("popped at " + me.now() + " a task pushed at " + t.pushedAt);
                charge(me, Cost.READY_POP);
                ArrayDeque<CoreState> free = freeCores(mine, t.type, pendingPhase);
                if (free.isEmpty()) {
                    push(me, t);
                    break;
                }
                if (policy == Policy.SERIAL) {
                    while (!free.isEmpty() && t.nextBlock < t.blockNum) send(me, free.poll(), t, t.nextBlock++);
                    if (t.nextBlock < t.blockNum) push(me, t);
                } else {
                    int first = t.nextBlock;
                    int claim = Math.min(free.size(), t.blockNum - first);
                    t.nextBlock += claim;
                    charge(me, Cost.BLOCK_CLAIM);
                    if (t.nextBlock < t.blockNum) push(me, t);
                    for (int b = 0; b < claim; b++) send(me, free.poll(), t, first + b);
                }
                progress = true;
            }
        }
        return progress;
    }

    private ArrayDeque<CoreState> freeCores(List<CoreState> mine, CoreType type, boolean pendingPhase) {
        ArrayDeque<CoreState> free = new ArrayDeque<>();
        for (CoreState c : mine) {
            if (type != null && c.type != type) continue;
            boolean ok = pendingPhase ? c.running != null && c.pending == null && !c.occupied : c.running == null;
            if (ok) free.add(c);
        }
        return free;
    }

    private void send(Actor me, CoreState c, Task t, int block) {
        int token = ++c.seq;
        DispatchPayload p = host.payload(c.id, token & 1);
        p.kernel = t.kernel;
        p.taskId = t.id;
        p.blockIdx = block;
        p.blockNum = t.blockNum;
        p.task = t;
        charge(me, Cost.PAYLOAD_BUILD);
        charge(me, Cost.REGISTER_WRITE);
        c.port.post(token);
        Block b = new Block(t, block);
        if (c.running == null) {
            c.running = b;
            c.runningToken = token;
        } else {
            c.pending = b;
            c.pendingToken = token;
        }
        c.occupied = true;
    }

    private void finish(Actor me, Block b) {
        charge(me, Cost.TASK_COMPLETE);
        Task t = b.task();
        if (++t.done == t.blockNum) {
            completedTasks++;
            inFlight--;
            session.orchestratorActor().wake();
        }
    }

    private void push(Actor me, Task t) {
        t.pushedAt = me.now();
        ready.add(t);
        charge(me, Cost.READY_PUSH);
        for (int s = 0; s < host.topology().schedulers(); s++) session.schedulerActor(s).wake();
    }

    private List<CoreState> coresOf(int s) {
        Topology topo = host.topology();
        List<CoreState> out = new ArrayList<>();
        for (int cluster : topo.clustersOf(s)) {
            for (Lane lane : Lane.values()) {
                int core = topo.coreId(cluster, lane);
                out.add(new CoreState(core, session.core(core), topo.typeOf(core)));
            }
        }
        return out;
    }

    private void charge(Actor a, Cost op) {
        a.charge(op);
        if (tracing) trace.add(names.get(a) + "@" + a.now() + " " + op);
    }

    private void idle(Actor a, int round) {
        a.idle(round);
        if (tracing) trace.add(names.get(a) + "@" + a.now() + " idle");
    }
}
