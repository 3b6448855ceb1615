package dev.tessera.errors;

/** A failure while tasks ran: a kernel threw, a core hung, or a scheduler timed out. */
public final class ExecutionException extends TesseraException {
    /** What every CORE_TIMEOUT says about stopping the kernel: Java has no way to kill a thread. */
    public static final String UNSTOPPABLE_KERNEL =
            "The kernel is interrupted; a kernel that ignores interrupts cannot be stopped"
                    + " in Java and keeps its thread (and a CPU) until it returns.";

    public ExecutionException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
