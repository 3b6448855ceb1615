package dev.tessera.bench;

import dev.tessera.api.Kernel;
import dev.tessera.api.Runtime;
import dev.tessera.api.TaskSpec;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;

/**
 * Scheduler-side cost per dispatched block, on {@link InThreadRuntime}: one scheduler owns
 * {@code clusters} clusters of {@link InstantCores}; a batch of independent AIV tasks of
 * {@code blocks} blocks each is submitted (untimed), then the real scheduler loop runs until all of
 * them completed (timed by the caller).
 *
 * <p>The timed part is everything a scheduler thread does for those blocks: wiring, ready-queue
 * pops and re-queues, block claims, payload builds, register writes, completion polls, task
 * completion and release, and the loop's own per-iteration overhead; it excludes kernels (the cores
 * finish at once), the wake-up of a parked core (no core threads) and idle back-off (there is always
 * work until the batch is done).
 */
public final class SchedulerWorkload implements AutoCloseable {
    /** Blocks per batch the suite aims for: long enough to time, few enough tasks for one wiring queue. */
    public static final int SUITE_BLOCKS = 24_000;

    private final InThreadRuntime rt;
    private final TaskSpec spec;
    private final int tasksPerBatch;
    private final int blocks;

    /**
     * @param targetBlocks blocks per batch to aim for; a batch is a whole number of tasks, at most
     *                     {@link InThreadRuntime#MAX_BATCH}
     */
    public SchedulerWorkload(int clusters, int blocks, DispatchPolicy policy, int targetBlocks) {
        this.rt = new InThreadRuntime(Runtime.builder()
                .topology(Topology.custom(clusters, 1))
                .policy(policy)
                .build()
                .config());
        this.blocks = blocks;
        this.spec = TaskSpec.aiv(Kernel.of("empty", ctx -> {})).blocks(blocks).named("spmd" + blocks);
        this.tasksPerBatch = Math.max(1, Math.min(InThreadRuntime.MAX_BATCH, targetBlocks / blocks));
    }

    /** Blocks each {@link #schedule} call dispatches. */
    public long blocksPerBatch() {
        return (long) tasksPerBatch * blocks;
    }

    /** Untimed: submits the next batch. */
    public void submitBatch() {
        rt.openScope();
        for (int i = 0; i < tasksPerBatch; i++) rt.orchestrator().submit(spec);
    }

    /** Timed: schedules the submitted batch to completion; returns the blocks dispatched. */
    public long schedule() {
        long n = rt.runScheduler();
        if (n != blocksPerBatch())
            throw new IllegalStateException("dispatched " + n + " blocks, expected " + blocksPerBatch());
        return n;
    }

    public InThreadRuntime runtime() {
        return rt;
    }

    @Override
    public void close() {
        rt.close();
    }
}
