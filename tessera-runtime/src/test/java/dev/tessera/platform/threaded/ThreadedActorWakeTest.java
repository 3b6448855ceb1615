package dev.tessera.platform.threaded;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tessera.platform.IdleStrategy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A wake that arrives after a runtime thread last looked for work, but before it parks, must not
 * be slept through (issue 10, defect 4). The park here is a minute long, so a lost wake-up shows as
 * a hang that the preemptive timeout turns into a failure; the park's own timeout never rescues it.
 */
class ThreadedActorWakeTest {
    /** Parks at once, for a minute. */
    private static final IdleStrategy LONG_PARKS = new IdleStrategy(0, 0, 60_000_000_000L, 60_000_000_000L);

    @Test
    void aWakeBeforeTheParkIsNotLost() {
        ThreadedActor actor = new ThreadedActor(new RunClock(), LONG_PARKS, null);
        actor.bind(Thread.currentThread(), "test");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            // the caller found no work, then new work arrived and its producer woke the actor ...
            actor.wake();
            // ... before the actor got to park: it must not park now
            actor.idle(1);
        });
    }

    @Test
    void aWakeIsConsumedSoTheNextIdleParksUntilWoken() throws Exception {
        ThreadedActor actor = new ThreadedActor(new RunClock(), LONG_PARKS, null);
        actor.wake();
        Thread sleeper = Thread.ofPlatform().unstarted(() -> {
            actor.idle(1); // consumes the pending wake without parking
            actor.idle(1); // parks until the second wake
        });
        actor.bind(sleeper, "test");
        sleeper.start();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            while (sleeper.getState() != Thread.State.TIMED_WAITING) Thread.onSpinWait();
            actor.wake();
            sleeper.join();
        });
    }
}
