package dev.tessera.platform;

/** Thread helpers both platforms share. */
public final class Threads {
    private Threads() {}

    /**
     * Joins every thread, even if the caller is interrupted meanwhile: a run cannot be abandoned
     * half way, its threads hold its state. The interrupt is restored afterwards.
     */
    public static void joinAll(Iterable<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
