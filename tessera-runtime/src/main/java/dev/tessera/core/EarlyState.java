package dev.tessera.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.tessera.platform.CorePort;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * One task's early-dispatch state (#1079), beside its {@link TaskSlot}: as a producer, how many of
 * its blocks are published; as a consumer, whether it became an early candidate, which of its
 * subtasks are staged gated on cores, and whether it was released (became ready).
 *
 * <p>The doorbell hand-over is the one race that matters: a stager may register a gated subtask
 * while the consumer's last producer completes on another scheduler. Both sides take this object's
 * monitor, so each staged subtask is rung exactly once: a subtask registered before the release and
 * already posted is rung by the releaser ({@link #release}); one posted only after it is rung by its
 * own stager ({@link #posted}); a stager that comes after the release stages nothing ({@link #stage}
 * answers -1) and dispatches the blocks it claimed the normal way. No cost is charged and no
 * register is written under the monitor (see {@code Actor}).
 *
 * <p>The counters are atomic (VarHandles); reset by {@link #clear} when the slot is reused.
 */
public final class EarlyState {
    private static final VarHandle PUBLISHED;
    private static final VarHandle CANDIDATE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PUBLISHED = l.findVarHandle(EarlyState.class, "published", int.class);
            CANDIDATE = l.findVarHandle(EarlyState.class, "candidate", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused")
    private volatile int published;

    @SuppressWarnings("unused")
    private volatile int candidate;

    /** Written under the monitor; volatile so that pollers may read it without taking it. */
    private volatile boolean released;

    @GuardedBy("this")
    private int count;

    @GuardedBy("this")
    private CorePort[] ports = new CorePort[4];

    @GuardedBy("this")
    private int[] cores = new int[4];

    @GuardedBy("this")
    private int[] tokens = new int[4];
    /** Per staged subtask: 0 registered, 1 posted, 2 rung. */
    @GuardedBy("this")
    private byte[] phase = new byte[4];

    /** One more block of this task has its register write out; returns how many have. */
    public int blockPublished() {
        return (int) PUBLISHED.getAndAdd(this, 1) + 1;
    }

    public int publishedBlocks() {
        return (int) PUBLISHED.getVolatile(this);
    }

    /** True for exactly one caller per task: it makes the task an early candidate. */
    public boolean claimCandidacy() {
        return CANDIDATE.compareAndSet(this, 0, 1);
    }

    /** Whether the task became ready: from then on its staged subtasks are rung or being rung. */
    public boolean released() {
        return released;
    }

    /**
     * Registers a gated subtask on {@code core} (its {@code port}, the {@code token} about to be
     * posted gated); returns its index for {@link #posted}, or -1 if the task was already released,
     * when the subtask must be posted the normal way instead.
     */
    public synchronized int stage(CorePort port, int core, int token) {
        if (released) return -1;
        if (count == ports.length) {
            ports = Arrays.copyOf(ports, 2 * count);
            cores = Arrays.copyOf(cores, 2 * count);
            tokens = Arrays.copyOf(tokens, 2 * count);
            phase = Arrays.copyOf(phase, 2 * count);
        }
        ports[count] = port;
        cores[count] = core;
        tokens[count] = token;
        phase[count] = 0;
        return count++;
    }

    /**
     * The stager posted subtask {@code entry} gated. Returns true when the task was released in
     * between: the releaser left it, so the stager rings it now.
     */
    public synchronized boolean posted(int entry) {
        if (!released) {
            phase[entry] = 1;
            return false;
        }
        phase[entry] = 2;
        return true;
    }

    /**
     * The task became ready: no subtask is staged from now on. Copies every staged subtask already
     * posted into {@code out} (port, core, token; grown if needed) for the caller to ring, and
     * returns how many. Called once per task.
     */
    public synchronized int release(Doorbells out) {
        released = true;
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (phase[i] != 1) continue;
            phase[i] = 2;
            out.add(n++, ports[i], cores[i], tokens[i]);
        }
        return n;
    }

    /** How many subtasks were staged gated (for tests and reports). */
    public synchronized int staged() {
        return count;
    }

    /** The slot is reused: forget the previous task. */
    synchronized void clear() {
        Arrays.fill(ports, 0, count, null);
        count = 0;
        released = false;
        PUBLISHED.setRelease(this, 0);
        CANDIDATE.setRelease(this, 0);
    }

    /** Scratch for the doorbells one release rings: owned by the releasing thread. */
    public static final class Doorbells {
        public CorePort[] ports = new CorePort[8];
        public int[] cores = new int[8];
        public int[] tokens = new int[8];

        void add(int i, CorePort port, int core, int token) {
            if (i == ports.length) {
                ports = Arrays.copyOf(ports, 2 * i);
                cores = Arrays.copyOf(cores, 2 * i);
                tokens = Arrays.copyOf(tokens, 2 * i);
            }
            ports[i] = port;
            cores[i] = core;
            tokens[i] = token;
        }
    }
}
