package dev.tessera.scheduler;

import dev.tessera.core.TaskShape;
import dev.tessera.core.TaskSlot;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;

/**
 * The cores one scheduler owns and what each is doing (spec §4.3–4.5): a running and a pending
 * dispatch per core, whether the core is idle, and whether its next payload buffer still holds a
 * posted token the core has not latched yet ("pending occupied"). Local core {@code 3k + lane}
 * is lane {@code lane} of local cluster {@code k}.
 */
public final class CoreTracker {
    final int scheduler;
    final int[] clusters;
    final int[] coreIds;
    final boolean[] idle;
    final boolean[] pendingOccupied;
    final int[] seq;

    final TaskSlot[] runTask;
    final int[] runSlot;
    final int[] runBlock;
    final int[] runToken;
    final long[] runSince;
    final TaskSlot[] pendTask;
    final int[] pendSlot;
    final int[] pendBlock;
    final int[] pendToken;
    int running;

    CoreTracker(Topology topology, int scheduler) {
        this.scheduler = scheduler;
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
        runTask = new TaskSlot[n];
        runSlot = new int[n];
        runBlock = new int[n];
        runToken = new int[n];
        runSince = new long[n];
        pendTask = new TaskSlot[n];
        pendSlot = new int[n];
        pendBlock = new int[n];
        pendToken = new int[n];
    }

    int cores() {
        return coreIds.length;
    }

    boolean hasRunning() {
        return running > 0;
    }

    /** Fills {@code out} with the targets a task of {@code shape} may use in this phase. */
    void candidates(int shape, boolean pendingPhase, CoreList out) {
        out.clear();
        int n = clusters.length;
        switch (shape) {
            case TaskShape.MIX -> {
                for (int k = 0; k < n; k++) {
                    int c = 3 * k;
                    if (!pendingPhase) {
                        if (idle[c] && idle[c + 1] && idle[c + 2]) out.add(k);
                    } else if (!pendingOccupied[c] && !pendingOccupied[c + 1] && !pendingOccupied[c + 2]
                            && !(idle[c] && idle[c + 1] && idle[c + 2])) {
                        out.add(k);
                    }
                }
            }
            case TaskShape.AIC -> {
                for (int k = 0; k < n; k++) {
                    int c = 3 * k;
                    if (pendingPhase ? !idle[c] && !pendingOccupied[c] : idle[c]) out.add(k);
                }
            }
            case TaskShape.AIV -> {
                for (int c = 0; c < 3 * n; c++) {
                    if (c % 3 == 0) continue;
                    if (pendingPhase ? !idle[c] && !pendingOccupied[c] : idle[c]) out.add(c);
                }
            }
            default -> throw new IllegalArgumentException("shape " + shape + " is not dispatchable");
        }
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
