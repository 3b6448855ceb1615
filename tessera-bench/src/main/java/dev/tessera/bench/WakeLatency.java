package dev.tessera.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * What waking a thread costs on this machine, the floor under every hand-off the threaded platform
 * makes to a parked core or scheduler: the mean round trip of two threads passing a turn back and
 * forth, either parking ({@link LockSupport#park}/{@link LockSupport#unpark}) or spinning.
 */
public final class WakeLatency {
    private static volatile int turn;

    private WakeLatency() {}

    /** Mean round trip in ns over {@code trips} trips; {@code park}: park/unpark, else spin. */
    public static double roundTripNs(boolean park, int trips) {
        Thread main = Thread.currentThread();
        turn = 0;
        Thread other = new Thread(
                () -> {
                    Thread me = Thread.currentThread();
                    for (int i = 0; i < trips; i++) {
                        while (turn != 1) {
                            if (park) LockSupport.park(me);
                            else Thread.onSpinWait();
                        }
                        turn = 0;
                        if (park) LockSupport.unpark(main);
                    }
                },
                "tessera-bench-pong");
        other.setDaemon(true);
        other.start();
        long t0 = System.nanoTime();
        for (int i = 0; i < trips; i++) {
            turn = 1;
            if (park) LockSupport.unpark(other);
            while (turn != 0) {
                if (park) LockSupport.park(main);
                else Thread.onSpinWait();
            }
        }
        long dt = System.nanoTime() - t0;
        try {
            other.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (double) dt / trips;
    }
}
