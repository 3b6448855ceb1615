package dev.tessera.scheduler;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tessera.core.ErrorLatch;
import dev.tessera.platform.Actor;
import dev.tessera.platform.CoreHost;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.platform.IdleStrategy;
import dev.tessera.platform.PlatformSession;
import dev.tessera.platform.threaded.ThreadedPlatform;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.topology.Topology;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * How long one stop of the world takes on the threaded platform when the other schedulers are idle:
 * what a {@code FREEZE_ALL} cohort's owner pays on every turn of its wait, and a RESERVE launch
 * once. Real scheduler actors (spin, yield, then park up to 200 µs) run the loop of a scheduler
 * with nothing to dispatch: safe point, back off. A measurement, not a test: it runs only when
 * asked, {@code -Dtessera.stw.probe=true} (docs/sync-start.md has the figures).
 */
class StopTheWorldProbe {
    @Test
    void measure() {
        assumeTrue(Boolean.getBoolean("tessera.stw.probe"), "set -Dtessera.stw.probe=true to measure");
        int schedulers = Integer.getInteger("tessera.stw.probe.schedulers", 3);
        int stops = Integer.getInteger("tessera.stw.probe.stops", 2_000);
        Topology topology = Topology.custom(schedulers, schedulers);
        ErrorLatch errors = new ErrorLatch();
        long[] stopNs = new long[stops];
        try (PlatformSession session = new ThreadedPlatform(IdleStrategy.DEFAULT).open(new IdleCores(topology), 0)) {
            Actor[] actors = new Actor[schedulers];
            for (int s = 0; s < schedulers; s++) actors[s] = session.schedulerActor(s);
            StopTheWorld world = newWorld(actors, errors);
            AtomicBoolean done = new AtomicBoolean();
            Runnable[] bodies = new Runnable[schedulers];
            bodies[0] = () -> {
                int round = 0;
                for (int i = 0; i < stops; i++) {
                    long t0 = System.nanoTime();
                    if (!world.stop(0, actors[0])) throw new IllegalStateException("stop refused");
                    stopNs[i] = System.nanoTime() - t0;
                    world.resume();
                    actors[0].idle(++round);
                }
                done.set(true);
            };
            for (int s = 1; s < schedulers; s++) {
                int id = s;
                bodies[s] = () -> {
                    int round = 0;
                    while (!done.get()) {
                        world.safePoint(id, actors[id]);
                        actors[id].idle(++round);
                    }
                };
            }
            session.execute(() -> {}, bodies);
        }
        Arrays.sort(stopNs);
        System.out.printf(
                "stop the world, %d schedulers, %d stops: median %.1f µs, p90 %.1f µs, mean %.1f µs%n",
                schedulers,
                stops,
                stopNs[stops / 2] / 1e3,
                stopNs[stops * 9 / 10] / 1e3,
                Arrays.stream(stopNs).average().orElseThrow() / 1e3);
    }

    private static StopTheWorld newWorld(Actor[] actors, ErrorLatch errors) {
        return new StopTheWorld(actors, errors);
    }

    /** Cores that are never given work. */
    private record IdleCores(Topology topology) implements CoreHost {
        @Override
        public DispatchPayload payload(int core, int buffer) {
            throw new IllegalStateException("no dispatches");
        }

        @Override
        public void kernelFailed(int core, DispatchPayload payload, Throwable cause) {}

        @Override
        public TraceRecorder recorder() {
            return TraceRecorder.OFF;
        }

        @Override
        public void coreFinished(int core) {}
    }
}
