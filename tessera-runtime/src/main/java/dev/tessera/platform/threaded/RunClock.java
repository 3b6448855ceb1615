package dev.tessera.platform.threaded;

/**
 * Wall-clock time since the run's bodies started. The origin is set when {@code execute} starts
 * the schedulers and the orchestrator, not when the session opened, so the seconds spent starting
 * core threads do not show up as an empty start of every swimlane.
 */
final class RunClock {
    private volatile long originNs = System.nanoTime();

    void restart() {
        originNs = System.nanoTime();
    }

    long now() {
        return System.nanoTime() - originNs;
    }
}
