package dev.tessera.profiling;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The subtasks of one core, indexed by token - 1. Three threads write here: the dispatching
 * scheduler (ids, ready and dispatch times), the core (start, end) and again a scheduler (finish
 * seen); each writes its own fields of a record, so no write is ever contended.
 *
 * <p>The only shared mutable state is the segment directory. A segment is installed with a
 * compare-and-set and read with acquire semantics, so whichever thread first touches a new segment
 * allocates it and every other thread sees a fully initialised one; segments never move, so a
 * reader holding an older one is never stale. The records' own fields need no fences: the runtime
 * hands a dispatch to its core and a FIN back through its own synchronised mailboxes, and the
 * trace is read only after all threads are joined.
 */
final class CoreLog {
    private static final VarHandle DIRECTORY = MethodHandles.arrayElementVarHandle(SubtaskChunk[].class);

    private final Segments segments;
    private final TraceBudget budget;
    private final SubtaskChunk[] directory = new SubtaskChunk[Segments.MAX];
    /** Highest token dispatched; written only by whichever scheduler currently owns the core. */
    int lastToken;

    /** Allocates nothing yet: on a topology of many cores, most may never run anything. */
    CoreLog(Segments segments, TraceBudget budget) {
        this.segments = segments;
        this.budget = budget;
    }

    /**
     * The segment for {@code segment}, allocating it on first use (rare: sizes double); null when
     * the budget refuses it, and the record is dropped.
     */
    SubtaskChunk chunk(int segment) {
        SubtaskChunk c = (SubtaskChunk) DIRECTORY.getAcquire(directory, segment);
        return c != null ? c : grow(segment);
    }

    /** The segment if it exists; never allocates (reading back a finished run). */
    SubtaskChunk existing(int segment) {
        return (SubtaskChunk) DIRECTORY.getAcquire(directory, segment);
    }

    private SubtaskChunk grow(int segment) {
        int size = segments.size(segment);
        if (!budget.reserve(size)) return null;
        SubtaskChunk fresh = new SubtaskChunk(size);
        SubtaskChunk winner = (SubtaskChunk) DIRECTORY.compareAndExchangeRelease(directory, segment, null, fresh);
        if (winner != null) budget.release(size); // lost the race: give back what this copy took
        return winner == null ? fresh : winner;
    }

    Segments segments() {
        return segments;
    }
}
