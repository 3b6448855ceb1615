package dev.tessera.platform;

/**
 * The operations whose cost the sim platform charges to the actor that performs them. On the
 * threaded platform they cost what they really cost and charging is free.
 */
public enum Cost {
    /** Orchestrator: validating and allocating one task (ring slot, heap, payload copy). */
    SUBMIT,
    /** Orchestrator: one TensorMap lookup for one tensor argument. */
    TENSORMAP_LOOKUP,
    /** Orchestrator: publishing one tensor argument as a writer. */
    TENSORMAP_INSERT,
    /** Scheduler 0: wiring one task's fanin edges. */
    WIRE_TASK,
    /** Any scheduler: one ready-queue push. */
    READY_PUSH,
    /** Any scheduler: one ready-queue pop. */
    READY_POP,
    /** Claiming a block range of an SPMD task. */
    BLOCK_CLAIM,
    /** Building one per-core dispatch payload. */
    PAYLOAD_BUILD,
    /**
     * Building one per-core payload of a sync-start cohort's drain launch with #1328's layout: every
     * per-dispatch control write in one cache line, the per-core constants prefilled at init.
     */
    DRAIN_PAYLOAD_BUILD,
    /**
     * Writing one core's dispatch register the way PR #827's accessor did: a full barrier, the
     * store, another full barrier (what {@code serial} and {@code parallel} pay per subtask).
     */
    REGISTER_WRITE,
    /** One store barrier: what a publish pays once before its register stores (after #881). */
    STORE_BARRIER,
    /** One bare posted store to a dispatch register, on its own (after #881, no burst). */
    REGISTER_STORE,
    /** One posted store to a dispatch register inside a burst that follows one barrier (#989). */
    REGISTER_STORE_BURST,
    /** Ringing one staged block's doorbell (early dispatch, #1079): one register store, no barrier. */
    DOORBELL,
    /** Reading one core's status register during completion polling. */
    COMPLETION_POLL,
    /** Completing a task: state change and fanout notification, per consumer notified. */
    TASK_COMPLETE,
    /** Releasing one producer reference. */
    RELEASE,
    /** Fixed overhead of one scheduler-loop iteration. */
    LOOP
}
