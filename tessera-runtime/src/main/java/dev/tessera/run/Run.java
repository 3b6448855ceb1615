package dev.tessera.run;

import dev.tessera.api.Orchestration;
import dev.tessera.api.RunResult;
import dev.tessera.api.RuntimeConfig;
import dev.tessera.api.TaskIds;
import dev.tessera.core.RuntimeState;
import dev.tessera.core.TaskSlot;
import dev.tessera.errors.ErrorCode;
import dev.tessera.errors.ExecutionException;
import dev.tessera.errors.TesseraException;
import dev.tessera.orchestration.OrchestratorImpl;
import dev.tessera.platform.Actor;
import dev.tessera.platform.CoreHost;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.platform.PlatformSession;
import dev.tessera.profiling.BufferedTraceRecorder;
import dev.tessera.profiling.Trace;
import dev.tessera.profiling.TraceBudget;
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.scheduler.Scheduler;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;

/**
 * One execution of an orchestration, the only place that wires the runtime's parts together (so
 * {@code core}, the state they share, depends on none of them): builds the shared state, opens a platform session, runs the
 * orchestrator and the schedulers to completion, and turns what happened into a result or error.
 */
public final class Run implements CoreHost {
    private final RuntimeConfig config;
    private final Topology topology;
    private RuntimeState state;
    private TraceRecorder recorder = TraceRecorder.OFF;
    private int[] coreOwner;

    /** The shared state of one run of {@code config}: its sizes, and what it records into. */
    public static RuntimeState newState(RuntimeConfig config, TraceRecorder recorder) {
        return new RuntimeState(
                config.topology(), config.taskWindow(), config.heapBytes(), config.coreTimeout(), recorder);
    }

    /** The orchestrator of a run of {@code config} on {@code state}, acting as {@code actor}. */
    public static OrchestratorImpl newOrchestrator(RuntimeState state, RuntimeConfig config, Actor actor) {
        return new OrchestratorImpl(
                state,
                actor,
                config.tensorMapEntries(),
                config.hazardCheck(),
                config.observer(),
                config.submitObserver());
    }

    public Run(RuntimeConfig config) {
        this.config = config;
        this.topology = config.topology();
    }

    /**
     * The shared state of the last {@link #execute} (rings, counters), kept after the run ends so
     * tests and tools can check that every task retired. Null before the first execute.
     */
    public RuntimeState state() {
        return state;
    }

    public RunResult execute(Orchestration orchestration) {
        if (config.trace()) {
            TraceBudget budget = TraceBudget.halfTheHeap(this::traceTooLarge);
            recorder = new BufferedTraceRecorder(
                    topology, config.platform().name(), config.policy().name(), firstSegmentPerCore(budget), budget);
        } else {
            recorder = TraceRecorder.OFF;
        }
        state = newState(config, recorder);
        coreOwner = new int[topology.cores()];
        for (int c = 0; c < coreOwner.length; c++) coreOwner[c] = topology.schedulerOf(topology.clusterOf(c));
        try (PlatformSession session = config.platform().open(this, config.seed())) {
            Scheduler[] schedulers = Scheduler.createAll(state, session, config.policy(), config.syncStartMode());
            Actor[] actors = new Actor[schedulers.length];
            Runnable[] bodies = new Runnable[schedulers.length];
            for (int s = 0; s < schedulers.length; s++) {
                actors[s] = schedulers[s].actor();
                bodies[s] = schedulers[s];
            }
            state.bindSchedulers(actors);
            OrchestratorImpl orchestrator = newOrchestrator(state, config, session.orchestratorActor());
            TesseraException[] orchestrationError = new TesseraException[1];
            session.execute(() -> orchestrationError[0] = orchestrator.runOrchestration(orchestration), bodies);
            if (state.errors.isSet()) throw state.errors.get();
            if (orchestrationError[0] != null) throw orchestrationError[0];
            return result(schedulers, orchestrator);
        } finally {
            state.close();
        }
    }

    /**
     * Records each core's log starts with: the recorder's default on machine-sized topologies, less
     * on huge ones or small heaps, so that first segments (about 74k records in all, at most a
     * quarter of the budget, at least 16 per core) do not use up the trace budget before anything ran.
     */
    private int firstSegmentPerCore(TraceBudget budget) {
        long firstSegments = Math.min(75_000L, budget.maxRecords() / 4);
        return Math.clamp(firstSegments / topology.cores(), 16, BufferedTraceRecorder.DEFAULT_CAPACITY);
    }

    /** The recorder's budget ran out: fail now instead of running every kernel and dying building the trace. */
    private void traceTooLarge() {
        state.errors.set(traceTooLargeError(null));
        state.wakeSchedulers();
    }

    private TesseraException traceTooLargeError(Throwable cause) {
        long heapMiB = java.lang.Runtime.getRuntime().maxMemory() >> 20;
        return new TesseraException(
                ErrorCode.TRACE_TOO_LARGE,
                "the trace of this run does not fit in memory: tracing"
                        + " (tessera: --trace or --stats; API: Runtime.builder().trace(true)) keeps every block, and building the trace"
                        + " from it may use at most half of this JVM's " + heapMiB
                        + " MiB of heap; run it without tracing, trace a"
                        + " smaller run, or give the JVM more heap (-Xmx; tessera: TESSERA_JAVA_OPTS=-Xmx8g)",
                cause);
    }

    private RunResult result(Scheduler[] schedulers, OrchestratorImpl orchestrator) {
        long[] blocks = new long[schedulers.length];
        long subtasks = 0;
        long makespan = 0;
        for (int s = 0; s < schedulers.length; s++) {
            blocks[s] = schedulers[s].blocksDispatched();
            subtasks += schedulers[s].subtasksDispatched();
            makespan = Math.max(makespan, schedulers[s].lastFinishSeenNs());
        }
        Trace trace = null;
        if (recorder instanceof BufferedTraceRecorder b) {
            if (b.overBudget()) throw traceTooLargeError(null);
            try {
                trace = b.build(makespan);
            } catch (OutOfMemoryError e) {
                // The half-built trace is garbage once this frame is left: the JVM can go on.
                throw traceTooLargeError(e);
            }
        }
        return new RunResult(
                config.platform().name(),
                config.policy().name(),
                topology,
                makespan,
                state.submitted.get(),
                subtasks,
                blocks,
                trace,
                orchestrator.kept());
    }

    // ---- CoreHost ----------------------------------------------------------------------------------

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public DispatchPayload payload(int core, int buffer) {
        return state.payloads[core][buffer];
    }

    @Override
    public void kernelFailed(int core, DispatchPayload p, Throwable cause) {
        state.errors.set(new ExecutionException(
                ErrorCode.KERNEL_FAILED,
                "kernel '" + p.kernel.name() + "' of task "
                        + TaskIds.format(p.taskId) + " '" + ((TaskSlot) p.task).name() + "' failed in block "
                        + p.blockIdx + " of " + p.blockNum
                        + ", slot " + Lane.of(p.lane) + ", on core " + topology.coreLabel(core) + " (id " + core
                        + ", cluster "
                        + topology.clusterOf(core) + "): " + cause,
                cause));
        state.wakeSchedulers();
    }

    @Override
    public java.time.Duration coreTimeout() {
        return config.coreTimeout();
    }

    @Override
    public void coreTimedOut(int core, DispatchPayload p, long ranNs, String where) {
        state.errors.set(new ExecutionException(
                ErrorCode.CORE_TIMEOUT,
                "core " + topology.coreLabel(core) + " (id " + core + ", cluster "
                        + topology.clusterOf(core) + ") ran block " + p.blockIdx + " slot " + Lane.of(p.lane)
                        + " of task " + TaskIds.format(p.taskId)
                        + " '" + ((TaskSlot) p.task).name() + "' for more than "
                        + config.coreTimeout().toMillis() + " ms without finishing"
                        + " (coreTimeout; the kernel ran " + where + "). " + ExecutionException.UNSTOPPABLE_KERNEL,
                null));
        state.wakeSchedulers();
    }

    @Override
    public void platformFailed(TesseraException error) {
        state.errors.set(error);
        state.wakeSchedulers();
    }

    @Override
    public boolean failed() {
        return state.errors.isSet();
    }

    @Override
    public RuntimeException kernelTimedOut(int core, DispatchPayload p, long ranNs, boolean stopped) {
        ExecutionException e = new ExecutionException(
                ErrorCode.CORE_TIMEOUT,
                "kernel '" + p.kernel.name() + "' of task "
                        + TaskIds.format(p.taskId) + " '" + ((TaskSlot) p.task).name() + "' ran block " + p.blockIdx
                        + " of " + p.blockNum
                        + ", slot " + Lane.of(p.lane) + ", on core " + topology.coreLabel(core) + " (id " + core
                        + ", cluster "
                        + topology.clusterOf(core) + ") for more than "
                        + config.coreTimeout().toMillis() + " ms of real time without"
                        + " returning (coreTimeout); "
                        + (stopped
                                ? "it was interrupted and has stopped"
                                : "it was interrupted but ignores interrupts: Java cannot stop it, so its thread keeps running it"),
                null);
        state.errors.set(e);
        return e;
    }

    @Override
    public TraceRecorder recorder() {
        return recorder;
    }

    @Override
    public void coreFinished(int core) {
        state.wakeScheduler(coreOwner[core]);
    }
}
