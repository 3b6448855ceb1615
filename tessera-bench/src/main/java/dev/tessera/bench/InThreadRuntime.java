package dev.tessera.bench;

import dev.tessera.api.Orchestrator;
import dev.tessera.api.RuntimeConfig;
import dev.tessera.api.Scope;
import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskSlot;
import dev.tessera.orchestration.OrchestratorImpl;
import dev.tessera.platform.Actor;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.run.Run;
import dev.tessera.scheduler.Scheduler;
import java.util.Arrays;

/**
 * The runtime's own orchestrator and scheduler, driven one after the other on the calling thread,
 * so that each side's cost can be timed without the other side, the platform's threads, or the
 * operating system's scheduling in the way.
 *
 * <p>How it stays in steady state: the harness opens the run's outer scope (depth 0, ring 0) at
 * construction and keeps it open; tasks submitted there stay live for good. Measured tasks are
 * submitted inside a batch scope (depth 1, ring 1) the harness opens ({@link #openScope}); after a
 * batch ({@code ≤} {@link #MAX_BATCH} tasks, so the orchestrator →
 * scheduler-0 wiring queue never fills and {@code submit} never waits) the harness closes the scope
 * and either
 * <ul>
 *   <li>{@link #retireUnscheduled}: takes the tasks off the wiring queue in submission order and
 *       completes and releases each through {@link RuntimeState#completeTask} and
 *       {@link RuntimeState#releaseTask}, exactly the calls a scheduler makes when a task's last
 *       block finishes. The ring watermark moves, the next submits' TensorMap sync frees the
 *       retired entries, and nothing is scheduled: orchestrator-side benchmarks time only the
 *       submits, never this; or</li>
 *   <li>{@link #runScheduler}: runs the real {@link Scheduler} loop to completion against
 *       {@link InstantCores}, cores that finish the moment they are posted to.</li>
 * </ul>
 * Scopes, rings, heap and TensorMap are the production ones; nothing in the runtime is bypassed
 * except the threads.
 */
public final class InThreadRuntime implements AutoCloseable {
    /** Tasks per batch: below the wiring queue's capacity, so submit never blocks on it. */
    public static final int MAX_BATCH = RuntimeState.WIRING_QUEUE_SIZE - 24;

    private final RuntimeConfig config;
    private final RuntimeState state;
    private final NoopActor actor = new NoopActor();
    private final OrchestratorImpl orchestrator;
    private final InstantCores cores;
    private final Scheduler scheduler;
    private final RuntimeState.ReadySink dropReady = t -> {};
    private final TaskSlot[][] scratch = {new TaskSlot[16]};
    private Scope scope;

    public InThreadRuntime(RuntimeConfig config) {
        this.config = config;
        this.state = Run.newState(config, TraceRecorder.OFF);
        Actor[] actors = new Actor[config.topology().schedulers()];
        Arrays.fill(actors, actor);
        state.bindSchedulers(actors);
        this.orchestrator = Run.newOrchestrator(state, config, actor);
        this.cores = new InstantCores(config.topology().cores(), actor);
        this.scheduler = Scheduler.createAll(state, cores, config.policy(), config.syncStartMode())[0];
        orchestrator.scope(); // the outer scope, never closed
    }

    public RuntimeConfig config() {
        return config;
    }

    public RuntimeState state() {
        return state;
    }

    public Orchestrator orchestrator() {
        return orchestrator;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Subtask dispatches the instant cores have received. */
    public long posts() {
        return cores.posts();
    }

    /** Opens the scope of the next batch, nested in the outer scope. */
    public Scope openScope() {
        if (scope != null) throw new IllegalStateException("a batch scope is already open");
        scope = orchestrator.scope();
        return scope;
    }

    /** Closes the batch scope: the scope lets go of its tasks, as at the end of a real scope. */
    public void closeScope() {
        if (scope != null) {
            scope.close();
            scope = null;
        }
    }

    /**
     * Ends the batch without scheduling: closes its scope, then completes and releases every task
     * waiting on the wiring queue in submission order. Returns how many tasks it retired.
     */
    public int retireUnscheduled() {
        closeScope();
        int n = 0;
        TaskSlot t;
        while ((t = state.wiring.poll()) != null) {
            completeAndRelease(t);
            n++;
        }
        return n;
    }

    /** Drops the tasks on the wiring queue without completing them: they stay live for good. */
    public int abandonQueued() {
        int n = 0;
        while (state.wiring.poll() != null) n++;
        return n;
    }

    /** What a scheduler does once a task's last subtask finished: complete it, then release it. */
    public void completeAndRelease(TaskSlot t) {
        state.completeTask(t, actor, dropReady, scratch);
        state.releaseTask(t, actor);
    }

    /**
     * Ends the batch by scheduling it: closes its scope and runs scheduler 0's real loop until every
     * submitted task has completed. Returns the blocks dispatched by this call.
     */
    public long runScheduler() {
        closeScope();
        long before = scheduler.blocksDispatched();
        state.orchestratorDone = true;
        scheduler.run();
        if (state.errors.isSet()) throw state.errors.get();
        state.finished = false;
        state.orchestratorDone = false;
        return scheduler.blocksDispatched() - before;
    }

    @Override
    public void close() {
        state.close();
    }
}
