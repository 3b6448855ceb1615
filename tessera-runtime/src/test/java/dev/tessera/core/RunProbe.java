package dev.tessera.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.api.Orchestration;
import dev.tessera.api.RunResult;
import dev.tessera.api.Runtime;
import dev.tessera.run.Run;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;

/**
 * Runs an orchestration the way {@link Runtime#run} does, but keeps the {@link Run} so a test can
 * look at the rings afterwards; and guards against hangs.
 */
public final class RunProbe {
    /** Generous bound: only a hang should ever reach it. */
    public static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private final Run run;
    private RunResult result;
    private RuntimeException failure;

    private RunProbe(Runtime rt) {
        this.run = new Run(rt.config());
    }

    /** Runs {@code o} on {@code rt}'s configuration; a failed run is kept, not thrown. */
    public static RunProbe run(Runtime rt, Orchestration o) {
        RunProbe p = new RunProbe(rt);
        Assertions.assertTimeoutPreemptively(
                HANG_GUARD,
                () -> {
                    try {
                        p.result = p.run.execute(o);
                    } catch (RuntimeException e) {
                        p.failure = e;
                    }
                },
                "the run did not end (hang)");
        return p;
    }

    public RunResult result() {
        if (failure != null) throw new AssertionError("the run failed", failure);
        return result;
    }

    public RuntimeException failure() {
        return failure;
    }

    public RuntimeState state() {
        return run.state();
    }

    /** Every task of every ring retired: the watermark reached the allocation head. */
    public RunProbe assertNothingLeaked() {
        for (TaskRing r : run.state().rings) {
            assertEquals(
                    r.allocated(),
                    r.lastTaskAlive(),
                    "ring " + r.id + ": allocated " + r.allocated() + " tasks but only " + r.lastTaskAlive()
                            + " retired");
        }
        return this;
    }

    public long allocated(int ring) {
        return run.state().rings[ring].allocated();
    }
}
