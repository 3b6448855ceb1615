package dev.tessera.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.lincheck.LincheckRuns;
import dev.tessera.platform.CorePort;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What: {@link EarlyState}'s doorbell hand-over. Stagers register a gated subtask, post it, then
 * mark it posted (ringing it themselves if the task was released meanwhile); one releaser marks the
 * task ready and rings every subtask already posted. Whatever the interleaving, at the end every
 * subtask staged before the release is rung exactly once, none after it is staged, and none is
 * rung before its post (a doorbell for a token the core has not got would be lost).
 *
 * <p>The operations return nothing, so every history is linearizable; {@link #everyStagedSubtaskRungOnce}
 * checks the protocol's outcome after each explored interleaving, and a doorbell rung before its
 * post is recorded when it happens. The negative control runs the same harness on a hand-over
 * without the "posted" phase (the releaser rings what is registered) and requires Lincheck to
 * reject it, so this test can fail.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
public class EarlyStateLincheckTest {
    private static final int MAX = 8;

    /** What a core would see: per token, posted and rung, and whether a ring came before its post. */
    static final class Cores {
        final AtomicIntegerArray posted = new AtomicIntegerArray(MAX);
        final AtomicIntegerArray rung = new AtomicIntegerArray(MAX);
        final AtomicBoolean ringBeforePost = new AtomicBoolean();
        final AtomicInteger nextToken = new AtomicInteger();
        final AtomicInteger staged = new AtomicInteger();

        CorePort port() {
            return new CorePort() {
                @Override
                public void post(int token) {}

                @Override
                public int status() {
                    return 0;
                }

                @Override
                public void ring(int token) {
                    if (posted.get(token) == 0) ringBeforePost.set(true);
                    rung.incrementAndGet(token);
                }
            };
        }

        void check(boolean released) {
            if (ringBeforePost.get()) throw new AssertionError("a doorbell rang before its gated post");
            int n = nextToken.get();
            for (int t = 0; t < n; t++) {
                int r = rung.get(t);
                if (r > 1) throw new AssertionError("token " + t + " rung " + r + " times");
                if (posted.get(t) == 1 && released && r != 1)
                    throw new AssertionError("staged token " + t + " never rung after the release");
                if (!released && r != 0) throw new AssertionError("token " + t + " rung before the release");
            }
        }
    }

    private final EarlyState state = new EarlyState();
    private final Cores cores = new Cores();
    private final CorePort port = cores.port();
    private final AtomicBoolean released = new AtomicBoolean();

    /** A stager: register, post gated, mark posted (and ring it if the release came in between). */
    @Operation
    public void stage() {
        int token = cores.nextToken.getAndIncrement();
        int entry = state.stage(port, 0, token);
        if (entry < 0) return; // released: posted the normal way, no doorbell
        cores.posted.set(token, 1);
        if (state.posted(entry)) port.ring(token);
    }

    /** The completion of the last producer: once per task. */
    @Operation
    public void release() {
        if (!released.compareAndSet(false, true)) return;
        EarlyState.Doorbells out = new EarlyState.Doorbells();
        int n = state.release(out);
        for (int i = 0; i < n; i++) out.ports[i].ring(out.tokens[i]);
    }

    @Validate
    public void everyStagedSubtaskRungOnce() {
        cores.check(released.get());
    }

    @Test
    void modelChecking() {
        LincheckRuns.modelChecking()
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(1)
                .check(EarlyStateLincheckTest.class);
    }

    /** Without the "posted" phase: the releaser rings whatever is registered, posted or not. */
    public static class RingsUnposted {
        private final Object lock = new Object();
        private final Cores cores = new Cores();
        private final CorePort port = cores.port();
        private final int[] registered = new int[MAX];
        private int count;
        private boolean released;

        @Operation
        public void stage() {
            int token = cores.nextToken.getAndIncrement();
            synchronized (lock) {
                if (released) return;
                registered[count++] = token;
            }
            cores.posted.set(token, 1);
        }

        @Operation
        public void release() {
            int n;
            int[] copy;
            synchronized (lock) {
                if (released) return;
                released = true;
                n = count;
                copy = registered.clone();
            }
            for (int i = 0; i < n; i++) port.ring(copy[i]);
        }

        @Validate
        public void everyStagedSubtaskRungOnce() {
            boolean r;
            synchronized (lock) {
                r = released;
            }
            cores.check(r);
        }
    }

    @Test
    void negativeControlRingingUnpostedSubtasksIsRejected() {
        String why = LincheckRuns.rejection(RingsUnposted.class, 2, 2, 0, 20);
        assertTrue(why.contains("rang before its gated post"), why);
    }
}
