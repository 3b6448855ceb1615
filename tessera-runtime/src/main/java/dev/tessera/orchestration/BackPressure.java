package dev.tessera.orchestration;

import dev.tessera.api.OutputSpec;
import dev.tessera.api.TaskSpec;
import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskRing;
import dev.tessera.core.TaskSlot;
import dev.tessera.errors.DeadlockException;
import dev.tessera.errors.ErrorCode;
import dev.tessera.platform.Actor;

/**
 * A submit that needs room the runtime has not freed yet (a ring slot, output heap, TensorMap
 * entries) waits here, backing off, while tasks retire. It fails with a typed deadlock error,
 * naming the setting that would fit, only when nothing is in flight that could free the room.
 */
final class BackPressure {
    /** How long the runtime must be quiet, with a submit still blocked, before that is a deadlock. */
    static final long DEADLOCK_GRACE_NS = 20_000_000L;

    private final RuntimeState rt;
    private final Actor actor;
    private final TensorMap tensorMap;
    private final ScopeStack scopes;

    BackPressure(RuntimeState rt, Actor actor, TensorMap tensorMap, ScopeStack scopes) {
        this.rt = rt;
        this.actor = actor;
        this.tensorMap = tensorMap;
        this.scopes = scopes;
    }

    TaskSlot allocate(int ringId, long outBytes, long ordinal, TaskSpec spec) {
        TaskRing ring = rt.rings[ringId];
        tensorMap.sync(ringId);
        if (outBytes > ring.heapSize()) {
            // the largest heap ring a config may ask for is the size of the largest output
            String fix = roundUpMiB(outBytes) <= OutputSpec.MAX_BYTES
                    ? "use heapBytes ≥ " + roundUpMiB(outBytes)
                    : "that is more than the largest heap ring (" + OutputSpec.MAX_BYTES
                            + " bytes): split the outputs over several tasks";
            throw new DeadlockException(
                    ErrorCode.HEAP_RING_DEADLOCK,
                    "submit #" + ordinal + " '" + spec.displayName() + "' needs " + outBytes
                            + " bytes of outputs but heap ring " + ringId + " has " + ring.heapSize() + " bytes; "
                            + fix);
        }
        Stall stall = new Stall();
        while (true) {
            if (ring.hasSlot()) {
                long at = ring.tryBumpHeap(outBytes);
                if (at >= 0) {
                    TaskSlot s = ring.allocateSlot(at + outBytes);
                    tensorMap.sync(ringId);
                    return s;
                }
                if (stall.deadlocked(ring.lastTaskAlive())) {
                    long held = scopes.heldBytesIn(ringId);
                    throw new DeadlockException(
                            ErrorCode.HEAP_RING_DEADLOCK,
                            "submit #" + ordinal + " '" + spec.displayName() + "' waits for " + outBytes
                                    + " bytes in heap ring " + ringId + " (" + ring.heapUsed() + " of "
                                    + ring.heapSize() + " bytes in use, "
                                    + held
                                    + " held by tasks of open scopes that cannot end while submit waits); a heap of at least "
                                    + roundUpMiB(held + outBytes) + " bytes would fit: use heapBytes("
                                    + roundUpMiB(held + outBytes) + ")");
                }
            } else if (stall.deadlocked(ring.lastTaskAlive())) {
                int held = scopes.heldIn(ringId);
                throw new DeadlockException(
                        ErrorCode.FLOW_CONTROL_DEADLOCK,
                        "submit #" + ordinal + " '" + spec.displayName() + "' waits for a slot in task ring "
                                + ringId + ": " + ring.alive() + " of " + ring.window()
                                + " slots are live and nothing is running to free one ("
                                + held + " held by open scopes); use taskWindow ≥ " + nextPow2(held + 2));
            }
            actor.idle(stall.round);
        }
    }

    void awaitTensorMapRoom(int needed, long ordinal, TaskSpec spec) {
        if (needed == 0) return;
        if (needed > tensorMap.capacity()) {
            throw new DeadlockException(
                    ErrorCode.TENSORMAP_DEADLOCK,
                    "submit #" + ordinal + " '" + spec.displayName() + "' publishes " + needed
                            + " writes but the TensorMap holds " + tensorMap.capacity()
                            + " entries; use tensorMapEntries ≥ " + needed);
        }
        Stall stall = new Stall();
        while (true) {
            if (tensorMap.free() >= needed) return;
            // entries of retired tasks are freed lazily: scan the rings only when room is short
            tensorMap.syncAll();
            if (tensorMap.free() >= needed) return;
            if (stall.deadlocked(progressMark())) {
                throw new DeadlockException(
                        ErrorCode.TENSORMAP_DEADLOCK,
                        "submit #" + ordinal + " '" + spec.displayName() + "' needs " + needed
                                + " TensorMap entries but all " + tensorMap.capacity()
                                + " belong to live tasks that cannot retire while submit waits;"
                                + " use tensorMapEntries ≥ " + nextPow2(tensorMap.capacity() + needed)
                                + " or end scopes earlier");
            }
            actor.idle(stall.round);
        }
    }

    private long progressMark() {
        long m = 0;
        for (TaskRing r : rt.rings) m += r.lastTaskAlive();
        return m;
    }

    /**
     * Decides when waiting has become a deadlock: no retirement for a while and nothing in flight
     * that could cause one. A busy runtime is never a deadlock, however long a kernel runs.
     */
    private final class Stall {
        int round;
        long mark = -1;
        long quietSince = -1;

        boolean deadlocked(long progress) {
            ensureUsable();
            if (progress != mark) {
                mark = progress;
                round = 1;
                quietSince = -1;
                return false;
            }
            round++;
            if (rt.hasWorkInFlight()) {
                quietSince = -1;
                return false;
            }
            long now = actor.now();
            if (quietSince < 0) quietSince = now;
            return now - quietSince > DEADLOCK_GRACE_NS;
        }
    }

    private void ensureUsable() {
        if (rt.errors.isSet()) throw rt.errors.get();
    }

    private static long nextPow2(long n) {
        return n <= 1 ? 1 : Long.highestOneBit(n - 1) << 1;
    }

    private static long roundUpMiB(long bytes) {
        long mib = 1L << 20;
        return (bytes + mib - 1) / mib * mib;
    }
}
