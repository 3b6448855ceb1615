package dev.tessera.profiling;

/** One scheduler's loop phases; written by that scheduler only, read after it is joined. */
final class PhaseLog {
    private static final SchedulerPhase[] PHASES = SchedulerPhase.values();

    private final Segments segments;
    private final TraceBudget budget;
    private final Chunk[] directory = new Chunk[Segments.MAX];
    private int count;

    PhaseLog(Segments segments, TraceBudget budget) {
        this.segments = segments;
        this.budget = budget;
    }

    /** Records a phase; dropped when the budget refuses a new segment. */
    void add(SchedulerPhase phase, long startNs, long endNs) {
        int i = count;
        int seg = segments.segment(i);
        Chunk c = directory[seg];
        if (c == null) {
            if (!budget.reserve(segments.size(seg))) return;
            c = directory[seg] = new Chunk(segments.size(seg));
        }
        int o = segments.offset(i, seg);
        c.phase[o] = (byte) phase.ordinal();
        c.startNs[o] = startNs;
        c.endNs[o] = endNs;
        count = i + 1;
    }

    void copyTo(int scheduler, Trace.Builder builder) {
        for (int i = 0; i < count; i++) {
            int seg = segments.segment(i);
            Chunk c = directory[seg];
            int o = segments.offset(i, seg);
            builder.phase(scheduler, PHASES[c.phase[o]], c.startNs[o], c.endNs[o]);
        }
    }

    private static final class Chunk {
        final byte[] phase;
        final long[] startNs;
        final long[] endNs;

        Chunk(int size) {
            phase = new byte[size];
            startNs = new long[size];
            endNs = new long[size];
        }
    }
}
