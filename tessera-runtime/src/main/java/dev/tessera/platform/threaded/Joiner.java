package dev.tessera.platform.threaded;

import java.util.List;

/**
 * How a session stops threads that may be stuck in a kernel. Java cannot kill a thread: a thread in
 * a kernel is interrupted at once (nothing still running a kernel when its run has ended is wanted),
 * then given {@link #KERNEL_GRACE_MS}; a kernel that ignores interrupts keeps its thread, which is
 * a daemon and left behind rather than holding up the caller. Threads not in a kernel are only
 * waiting to see their stop signal and get {@link #STOP_TIMEOUT_MS}.
 */
final class Joiner {
    static final long KERNEL_GRACE_MS = 500;
    static final long STOP_TIMEOUT_MS = 5_000;

    private Joiner() {}

    /** Returns how many threads were left running. */
    static int stop(List<Thread> threads, List<KernelWatch> watches) {
        for (KernelWatch w : watches) if (w != null && w.inKernel()) w.thread.interrupt();
        long start = System.nanoTime();
        boolean interrupted = false;
        int left = 0;
        for (int i = 0; i < threads.size(); i++) {
            Thread t = threads.get(i);
            KernelWatch w = watches.get(i);
            while (t.isAlive()) {
                boolean stuck = w != null && w.inKernel();
                long limitMs = stuck ? KERNEL_GRACE_MS : STOP_TIMEOUT_MS;
                long leftMs = limitMs - (System.nanoTime() - start) / 1_000_000;
                if (leftMs <= 0) {
                    if (stuck) w.thread.interrupt();
                    left++;
                    break;
                }
                try {
                    t.join(Math.min(leftMs, 20));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return left;
    }
}
