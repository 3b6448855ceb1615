package dev.tessera.errors;

/** Error codes of the reference runtime (spec §7.1), plus Tessera's own for faults the reference aborts on. */
public enum ErrorCode {
    SCOPE_DEADLOCK(1),
    HEAP_RING_DEADLOCK(2),
    FLOW_CONTROL_DEADLOCK(3),
    DEP_POOL_OVERFLOW(4),
    INVALID_ARGS(5),
    DEPENDENCY_OVERFLOW(6),
    REQUIRE_SYNC_START_INVALID(7),
    TENSOR_WAIT_TIMEOUT(8),
    EXPLICIT_ORCH_FATAL(9),
    SCHEDULER_TIMEOUT(100),
    /** Tessera: the TensorMap's entry pool stayed full with nothing left to retire. */
    TENSORMAP_DEADLOCK(110),
    /** Tessera: a kernel threw. */
    KERNEL_FAILED(120),
    /** Tessera: a core did not report FIN within the configured timeout. */
    CORE_TIMEOUT(121),
    /** Tessera: the orchestration function itself threw. */
    ORCHESTRATION_FAILED(122),
    /** Tessera: the run's trace would not fit in the memory it may use. */
    TRACE_TOO_LARGE(123),
    /** Tessera, debug mode only: an access races an unfinished task the runtime does not order it after. */
    DEPENDENCY_HAZARD(130),
    /** Tessera: the platform could not provide what the run needs, e.g. a thread could not be started. */
    PLATFORM_FAILED(131);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
