package dev.tessera.scheduler;

import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.platform.CorePort;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;

/**
 * The cores one scheduler owns and what each is doing (spec §4.3–4.5): a running and a pending
 * dispatch per core (the reference's two registers), whether the core is idle, and whether its next
 * payload buffer still holds a posted token the core has not latched yet ("pending occupied").
 * Local core {@code 3k + lane} is lane {@code lane} of local cluster {@code k}.
 *
 * <p>Threading: written and read only by the owning scheduler, except while that scheduler is
 * parked in {@link StopTheWorld}: then the one scheduler holding the world may read and write it
 * (only {@link CohortLauncher} does). The barrier's volatile accesses order both sides' writes.
 */
public final class CoreTracker {
    final int[] clusters;
    final int[] coreIds;
    final boolean[] idle;
    final boolean[] pendingOccupied;
    /** Last token posted to each core; see {@link #nextToken}. */
    private final int[] seq;
    /** Cores set aside for a pending sync-start cohort: no other work may be placed on them. */
    final boolean[] held;
    /** Held targets already counted as idle for the cohort (indexed by the target's first core). */
    final boolean[] counted;

    final TaskSlot[] runTask;
    /** The kernel lane (AIC, AIV0, AIV1) of the running dispatch. */
    final int[] runLane;

    final int[] runBlock;
    final int[] runToken;
    final long[] runSince;
    final TaskSlot[] pendTask;
    final int[] pendLane;
    final int[] pendBlock;
    final int[] pendToken;
    /**
     * Early dispatch: the running (pending) register holds a gated subtask, staged before its task
     * was ready. It does not ACK before its doorbell, which another scheduler may ring, so these
     * say only "staged gated", not "still waiting".
     */
    final boolean[] runGated;

    final boolean[] pendGated;
    int running;

    CoreTracker(Topology topology, int scheduler) {
        this.clusters = topology.clustersOf(scheduler);
        int n = clusters.length * 3;
        coreIds = new int[n];
        for (int k = 0; k < clusters.length; k++) {
            for (Lane l : Lane.values()) coreIds[3 * k + l.ordinal()] = topology.coreId(clusters[k], l);
        }
        idle = new boolean[n];
        java.util.Arrays.fill(idle, true);
        pendingOccupied = new boolean[n];
        seq = new int[n];
        held = new boolean[n];
        counted = new boolean[n];
        runTask = new TaskSlot[n];
        runLane = new int[n];
        runBlock = new int[n];
        runToken = new int[n];
        runSince = new long[n];
        pendTask = new TaskSlot[n];
        pendLane = new int[n];
        pendBlock = new int[n];
        pendToken = new int[n];
        runGated = new boolean[n];
        pendGated = new boolean[n];
    }

    int cores() {
        return coreIds.length;
    }

    boolean hasRunning() {
        return running > 0;
    }

    /**
     * The token of the next dispatch to local core {@code c}: one more than the last, wrapping
     * before {@link CorePort#FIRST_RESERVED_TOKEN}. Its parity picks the payload buffer, so the
     * wrap keeps it (to 2): two dispatches in a row never share a buffer.
     */
    int nextToken(int c) {
        return seq[c] = tokenAfter(seq[c]);
    }

    /** The token that follows {@code token} on one core. */
    static int tokenAfter(int token) {
        int next = (token + 1) & CorePort.ID_MASK;
        return next >= CorePort.FIRST_RESERVED_TOKEN ? 2 : next;
    }

    /** Records a dispatch that starts at once on idle core {@code c}. */
    void startRunning(int c, TaskSlot task, int lane, int blockIdx, int token, long now) {
        runTask[c] = task;
        runLane[c] = lane;
        runBlock[c] = blockIdx;
        runToken[c] = token;
        runSince[c] = now;
        idle[c] = false;
        running++;
        pendingOccupied[c] = true;
    }

    /** Records a dispatch queued behind the running one of busy core {@code c}. */
    void queuePending(int c, TaskSlot task, int lane, int blockIdx, int token) {
        pendTask[c] = task;
        pendLane[c] = lane;
        pendBlock[c] = blockIdx;
        pendToken[c] = token;
        pendingOccupied[c] = true;
    }

    /** The dispatch just placed on core {@code c} (running or {@code pending}) is gated (early dispatch). */
    void gate(int c, boolean pending) {
        if (pending) pendGated[c] = true;
        else runGated[c] = true;
    }

    /** The pending dispatch of core {@code c} latched: it is now the running one, since {@code now}. */
    void promotePending(int c, long now) {
        promote(c, now);
        pendingOccupied[c] = false;
    }

    /**
     * Completion case 3.3: the running dispatch of core {@code c} finished and the pending one is
     * gated. It becomes the running one, still unlatched (no ACK before its doorbell), so the core
     * takes no other pending dispatch until it ACKs.
     */
    void promoteGated(int c, long now) {
        promote(c, now);
        pendingOccupied[c] = true;
    }

    private void promote(int c, long now) {
        runTask[c] = pendTask[c];
        runLane[c] = pendLane[c];
        runBlock[c] = pendBlock[c];
        runToken[c] = pendToken[c];
        runGated[c] = pendGated[c];
        runSince[c] = now;
        pendTask[c] = null;
        pendGated[c] = false;
    }

    /** Everything dispatched to core {@code c} finished: it is idle. */
    void becomeIdle(int c) {
        runTask[c] = null;
        pendTask[c] = null;
        runGated[c] = pendGated[c] = false;
        idle[c] = true;
        pendingOccupied[c] = false;
        running--;
    }

    /** A busy core that can take a pending dispatch: its previous post was latched, no pending one waits. */
    private boolean canQueue(int c) {
        return !idle[c] && !pendingOccupied[c] && pendTask[c] == null;
    }

    private boolean canQueueOrIdle(int c) {
        return idle[c] || (!pendingOccupied[c] && pendTask[c] == null);
    }

    /** Fills {@code out} with the targets a task of {@code shape} may use: idle ones, or ({@code pendingPass}) busy ones with a free pending register. */
    void candidates(int shape, boolean pendingPass, CoreList out) {
        out.clear();
        int n = clusters.length;
        switch (shape) {
            case TaskShape.MIX -> {
                for (int k = 0; k < n; k++) {
                    int c = 3 * k;
                    if (held[c] || held[c + 1] || held[c + 2]) continue;
                    if (!pendingPass) {
                        if (idle[c] && idle[c + 1] && idle[c + 2]) out.add(k);
                    } else if (canQueueOrIdle(c)
                            && canQueueOrIdle(c + 1)
                            && canQueueOrIdle(c + 2)
                            && !(idle[c] && idle[c + 1] && idle[c + 2])) {
                        out.add(k);
                    }
                }
            }
            case TaskShape.AIC -> {
                for (int k = 0; k < n; k++) {
                    int c = 3 * k;
                    if (held[c]) continue;
                    if (pendingPass ? canQueue(c) : idle[c]) out.add(k);
                }
            }
            case TaskShape.AIV -> {
                for (int c = 0; c < 3 * n; c++) {
                    if (c % 3 == 0 || held[c]) continue;
                    if (pendingPass ? canQueue(c) : idle[c]) out.add(c);
                }
            }
            default -> throw new IllegalArgumentException("shape " + shape + " is not dispatchable");
        }
    }

    /** Number of dispatch targets of {@code shape}: clusters for MIX/AIC, AIV cores for AIV. */
    int targets(int shape) {
        return shape == TaskShape.AIV ? 2 * clusters.length : clusters.length;
    }

    /** The first local core of target {@code i} of {@code shape}. */
    int targetCore(int shape, int i) {
        return shape == TaskShape.AIV ? 3 * (i / 2) + 1 + (i & 1) : 3 * i;
    }

    /** The value {@link #candidates} would list for the target whose first core is {@code core}. */
    static int targetItem(int shape, int core) {
        return shape == TaskShape.AIV ? core : core / 3;
    }

    boolean targetIdle(int shape, int core) {
        return shape == TaskShape.MIX ? idle[core] && idle[core + 1] && idle[core + 2] : idle[core];
    }

    boolean targetHasPending(int shape, int core) {
        return shape == TaskShape.MIX
                ? pendTask[core] != null || pendTask[core + 1] != null || pendTask[core + 2] != null
                : pendTask[core] != null;
    }

    boolean targetHeld(int shape, int core) {
        return shape == TaskShape.MIX ? held[core] || held[core + 1] || held[core + 2] : held[core];
    }

    void hold(int shape, int core, boolean on) {
        held[core] = on;
        if (shape == TaskShape.MIX) held[core + 1] = held[core + 2] = on;
        if (!on) counted[core] = false;
    }

    void releaseAllHeld() {
        java.util.Arrays.fill(held, false);
        java.util.Arrays.fill(counted, false);
    }

    /** Idle targets of {@code shape}: clusters for MIX/AIC, AIV cores for AIV. */
    int idleCount(int shape) {
        int count = 0;
        for (int k = 0; k < clusters.length; k++) {
            int c = 3 * k;
            switch (shape) {
                case TaskShape.MIX -> count += idle[c] && idle[c + 1] && idle[c + 2] ? 1 : 0;
                case TaskShape.AIC -> count += idle[c] ? 1 : 0;
                default -> count += (idle[c + 1] ? 1 : 0) + (idle[c + 2] ? 1 : 0);
            }
        }
        return count;
    }
}
