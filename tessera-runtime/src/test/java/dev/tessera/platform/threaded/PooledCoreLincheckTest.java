package dev.tessera.platform.threaded;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.errors.TesseraException;
import dev.tessera.lincheck.LincheckRuns;
import dev.tessera.platform.CoreHost;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.platform.IdleStrategy;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.topology.Topology;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What: the pooled core's post / runner hand-off ({@link PooledCore#post} against
 * {@link PooledCore#runQueued}, through {@link CorePool}'s queue) never loses a post and never runs
 * a token twice or two at once.
 *
 * <p>One thread is the scheduler: it posts the next token whenever the core has ACKed the last one
 * (at most one running and one pending dispatch, as {@code Scheduler} does). Other threads are
 * helpers taking the core from the queue. Checked, in every interleaving Lincheck explores:
 * <ul>
 *   <li>in the kernel: tokens run in posting order, each once, never two at a time on the core;</li>
 *   <li>{@code @Validate}, after the parallel part: whatever is still queued is run, then the last
 *       token run must be the last token posted. A lost post (core left IDLE with a token nobody
 *       will run) fails here.</li>
 * </ul>
 * Operations return nothing (whether a helper found the core queued depends on timing, not on a
 * sequential specification), so the properties are asserted directly, as in {@code RingAdvanceLincheckTest}.
 *
 * <p>The negative control is the same state machine without the runner's re-read of the dispatch
 * register after it goes IDLE; Lincheck must find the lost post.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
public class PooledCoreLincheckTest {
    static final boolean CI = LincheckRuns.CI;
    private static final Topology ONE = Topology.custom(1, 1);

    private final Host host = new Host();
    private final CorePool pool = new CorePool(host, IdleStrategy.DEFAULT, new RunClock(), 0, 0);
    private final PooledCore core = (PooledCore) pool.core(0);
    private final KernelWatch watch = new KernelWatch(Thread.currentThread(), "test");
    private int posted;

    /** The scheduler: posts the next token once the core has latched (ACKed) the previous one. */
    @Operation(nonParallelGroup = "scheduler")
    public void post() {
        // the previous token is not latched yet: a scheduler would not overwrite a pending dispatch
        if (posted > 0 && CorePort.id(core.status()) != posted) return;
        int token = ++posted;
        host.payloads[token & 1].blockIdx = token;
        core.post(token);
    }

    /** A helper (pool worker or idle runtime thread) runs the core if it is queued. */
    @Operation
    public void help() {
        pool.runOne(watch);
    }

    @Validate
    public void noPostLost() {
        while (pool.runOne(watch)) {
            // drain what is still queued, as the pool would
        }
        if (host.lastRun.get() != posted) {
            throw new IllegalStateException(
                    "posted up to token " + posted + " but the core ran up to " + host.lastRun.get() + " and is "
                            + core.state() + " (0 idle, 1 queued, 2 running): a post was lost");
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(CI ? 10 : 15)
                .invocationsPerIteration(CI ? 300 : 1000)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(PooledCoreLincheckTest.class);
    }

    @Test
    void stress() {
        new StressOptions()
                .iterations(CI ? 5 : 10)
                .invocationsPerIteration(CI ? 300 : 1000)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(PooledCoreLincheckTest.class);
    }

    /** Payloads whose kernel checks the order and exclusivity of what the core runs. */
    static final class Host implements CoreHost {
        final AtomicInteger lastRun = new AtomicInteger();
        final AtomicInteger inKernel = new AtomicInteger();
        final DispatchPayload[] payloads = new DispatchPayload[2];

        Host() {
            Kernel k = Kernel.of("check", ctx -> {
                if (inKernel.incrementAndGet() != 1)
                    throw new IllegalStateException("two tokens of one core ran at once");
                int token = ctx.blockIdx();
                if (lastRun.get() != token - 1)
                    throw new IllegalStateException("ran token " + token + " after " + lastRun.get());
                lastRun.set(token);
                inKernel.decrementAndGet();
            });
            for (int b = 0; b < 2; b++) {
                payloads[b] = new DispatchPayload(0, 0, ONE.typeOf(0), 0);
                payloads[b].kernel = k;
            }
        }

        @Override
        public Topology topology() {
            return ONE;
        }

        @Override
        public DispatchPayload payload(int core, int buffer) {
            return payloads[buffer];
        }

        @Override
        public TraceRecorder recorder() {
            return TraceRecorder.OFF;
        }

        @Override
        public void coreFinished(int core) {}

        @Override
        public boolean failed() {
            return false;
        }

        @Override
        public void kernelFailed(int core, DispatchPayload payload, Throwable cause) {
            throw new IllegalStateException("kernel failed: " + cause.getMessage(), cause);
        }

        @Override
        public void coreTimedOut(int core, DispatchPayload payload, long ranNs, String where) {
            throw new AssertionError("no timeouts here");
        }

        @Override
        public void platformFailed(TesseraException error) {
            throw error;
        }
    }

    /**
     * The same post / runner pair, except that the runner goes IDLE and leaves without looking at
     * the dispatch register again: a post that read RUNNING just before is then never run.
     */
    public static class LossyCore {
        private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.ConcurrentLinkedQueue<LossyCore> queue =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        private volatile int dispatch;
        private volatile int status;
        private int last;
        private int posted;
        private volatile int ran;

        @Operation(nonParallelGroup = "scheduler")
        public void post() {
            if (posted > 0 && status != posted && status != -posted) return;
            dispatch = ++posted;
            if (state.get() == 0 && state.compareAndSet(0, 1)) queue.add(this);
        }

        @Operation
        public void help() {
            LossyCore c = queue.poll();
            if (c == null) return;
            state.set(2);
            while (true) {
                int token = dispatch;
                if (token == last) break;
                status = token;
                ran = token;
                status = -token;
                last = token;
            }
            state.set(0); // the bug: no re-read of dispatch after going idle
        }

        @Validate
        public void noPostLost() {
            help();
            if (ran != posted)
                throw new IllegalStateException(
                        "posted up to token " + posted + " but ran up to " + ran + ": a post was lost");
        }
    }

    @Test
    void negativeControlWithoutTheReReadIsRejected() {
        String why = LincheckRuns.rejection(LossyCore.class, 2, 2, 0, 30);
        assertTrue(why.contains("a post was lost"), why);
    }
}
