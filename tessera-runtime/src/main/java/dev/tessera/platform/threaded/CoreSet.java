package dev.tessera.platform.threaded;

import dev.tessera.platform.CorePort;
import java.util.function.Consumer;

/** A session's cores and the threads that run them: a thread per core, or a pool. */
interface CoreSet {
    /** Starts the threads; on failure stops those already started and throws a {@code PLATFORM_FAILED} error. */
    void start(ThreadStarter starter);

    CorePort core(int coreId);

    /** Every thread that runs kernels, for the watchdog. */
    void forEachWatch(Consumer<KernelWatch> action);

    /**
     * Stops and joins the threads. A thread still in a kernel is interrupted at once (after a
     * successful run none is); one that ignores the interrupt is left behind after a short grace
     * (see {@link Joiner}). Returns how many were left.
     */
    int close();
}
