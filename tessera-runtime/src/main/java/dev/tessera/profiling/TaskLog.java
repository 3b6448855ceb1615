package dev.tessera.profiling;

import java.util.Arrays;

/**
 * Tasks as the orchestrator announces them. Only the orchestrator writes and only the final build
 * reads (after the orchestrator is joined), so the segments need no fences.
 */
final class TaskLog {
    private final Segments segments;
    private final TraceBudget budget;
    private final Chunk[] directory = new Chunk[Segments.MAX];
    private int count;

    TaskLog(Segments segments, TraceBudget budget) {
        this.segments = segments;
        this.budget = budget;
    }

    /** Records a task; dropped when the budget refuses a new segment. */
    void add(long id, String name, int blockNum, int shape, boolean syncStart, long ns) {
        int i = count;
        int seg = segments.segment(i);
        Chunk c = directory[seg];
        if (c == null) {
            if (!budget.reserve(segments.size(seg))) return;
            c = directory[seg] = new Chunk(segments.size(seg));
        }
        int o = segments.offset(i, seg);
        c.id[o] = id;
        c.name[o] = name;
        c.blockNum[o] = blockNum;
        c.shape[o] = (byte) shape;
        c.syncStart[o] = syncStart;
        c.submitNs[o] = ns;
        count = i + 1;
    }

    /** Feeds every task, in submission order, to {@code builder}. */
    void copyTo(Trace.Builder builder) {
        for (int i = 0; i < count; i++) {
            int seg = segments.segment(i);
            Chunk c = directory[seg];
            int o = segments.offset(i, seg);
            builder.task(
                    c.id[o],
                    c.name[o] == null ? "task#" + c.id[o] : c.name[o],
                    c.blockNum[o],
                    c.shape[o],
                    c.syncStart[o],
                    c.submitNs[o]);
        }
    }

    private static final class Chunk {
        final long[] id;
        final String[] name;
        final int[] blockNum;
        final byte[] shape;
        final boolean[] syncStart;
        final long[] submitNs;

        Chunk(int size) {
            id = new long[size];
            name = new String[size];
            blockNum = new int[size];
            shape = new byte[size];
            syncStart = new boolean[size];
            submitNs = new long[size];
            Arrays.fill(submitNs, Trace.NONE);
        }
    }
}
