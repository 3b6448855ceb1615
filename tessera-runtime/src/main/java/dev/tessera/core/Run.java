package dev.tessera.core;

import dev.tessera.api.Orchestration;
import dev.tessera.api.RunResult;
import dev.tessera.api.RuntimeConfig;
import dev.tessera.api.TaskIds;
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
import dev.tessera.profiling.TraceRecorder;
import dev.tessera.scheduler.Scheduler;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;

/**
 * One execution of an orchestration: builds the shared state, opens a platform session, runs the
 * orchestrator and the schedulers to completion, and turns what happened into a result or error.
 */
public final class Run implements CoreHost {
    private final RuntimeConfig config;
    private final Topology topology;
    private RuntimeState state;
    private TraceRecorder recorder = TraceRecorder.OFF;
    private int[] coreOwner;

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
        recorder = config.trace() ? new BufferedTraceRecorder(topology, config.platform().name(), config.policy().name()) : TraceRecorder.OFF;
        state = new RuntimeState(config, recorder);
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
            OrchestratorImpl orchestrator = new OrchestratorImpl(state, session.orchestratorActor());
            TesseraException[] orchestrationError = new TesseraException[1];
            session.execute(() -> orchestrationError[0] = orchestrator.runOrchestration(orchestration), bodies);
            if (state.errors.isSet()) throw state.errors.get();
            if (orchestrationError[0] != null) throw orchestrationError[0];
            return result(schedulers, orchestrator);
        } finally {
            state.close();
        }
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
        Trace trace = recorder instanceof BufferedTraceRecorder b ? b.build(makespan) : null;
        return new RunResult(config.platform().name(), config.policy().name(), topology, makespan, state.submitted.get(), subtasks,
                blocks, trace, orchestrator.kept());
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
        state.errors.set(new ExecutionException(ErrorCode.KERNEL_FAILED, "kernel '" + p.kernel.name() + "' of task "
                + TaskIds.format(p.taskId) + " '" + ((TaskSlot) p.task).name() + "' failed in block " + p.blockIdx + " of " + p.blockNum
                + ", slot " + Lane.of(p.slot) + ", on core " + topology.coreLabel(core) + " (id " + core + ", cluster "
                + topology.clusterOf(core) + "): " + cause, cause));
        state.wakeSchedulers();
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
