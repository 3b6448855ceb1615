package dev.tessera.profiling;

import java.util.Arrays;

/**
 * One segment of a core's subtask log, as parallel primitive arrays so that recording a time is
 * one array store. Times start as {@link Trace#NONE}: zero is a legitimate timestamp.
 */
final class SubtaskChunk {
    final long[] taskId;
    final int[] blockIdx;
    final byte[] lane;
    final short[] scheduler;
    final long[] readyNs;
    final long[] dispatchNs;
    final long[] startNs;
    final long[] endNs;
    final long[] finishSeenNs;
    /** When a gated (early-dispatched) subtask's doorbell rang; {@link Trace#NONE} for every other one. */
    final long[] doorbellNs;

    SubtaskChunk(int size) {
        taskId = new long[size];
        blockIdx = new int[size];
        lane = new byte[size];
        scheduler = new short[size];
        readyNs = new long[size];
        dispatchNs = new long[size];
        startNs = new long[size];
        endNs = new long[size];
        finishSeenNs = new long[size];
        doorbellNs = new long[size];
        Arrays.fill(taskId, Trace.NONE);
        Arrays.fill(readyNs, Trace.NONE);
        Arrays.fill(dispatchNs, Trace.NONE);
        Arrays.fill(startNs, Trace.NONE);
        Arrays.fill(endNs, Trace.NONE);
        Arrays.fill(finishSeenNs, Trace.NONE);
        Arrays.fill(doorbellNs, Trace.NONE);
    }

    boolean dispatched(int i) {
        return taskId[i] != Trace.NONE || dispatchNs[i] != Trace.NONE;
    }
}
