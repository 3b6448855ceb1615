package dev.tessera.platform.threaded;

import dev.tessera.platform.CoreHost;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.IdleStrategy;
import java.util.concurrent.locks.LockSupport;

/**
 * A dedicated core: one thread per core that waits for a new token in its dispatch register and
 * runs it (the device's shape, kept for hosts with a CPU per thread and for fidelity studies).
 */
final class CoreWorker extends CoreRegisters implements Runnable {
    static final int EXIT = CorePort.FIRST_RESERVED_TOKEN;

    private final IdleStrategy idle;
    private volatile boolean parked;
    private volatile Thread thread;
    private volatile KernelWatch watch;

    CoreWorker(int core, CoreHost host, IdleStrategy idle, RunClock clock, long seed) {
        super(core, host, clock, seed);
        this.idle = idle;
    }

    void bind(Thread t, KernelWatch w) {
        thread = t;
        watch = w;
    }

    KernelWatch watch() {
        return watch;
    }

    @Override
    public void post(int token) {
        writeDispatch(token);
        if (parked) LockSupport.unpark(thread);
    }

    void exit() {
        post(EXIT);
    }

    @Override
    public void run() {
        KernelWatch w = watch;
        int last = 0;
        int round = 0;
        while (true) {
            int token = readDispatch();
            if (token == EXIT) return;
            if (token == 0 || token == last) {
                round++;
                if (idle.parks(round)) {
                    parked = true;
                    // re-check after announcing the park, so a post between the two is not missed
                    if (readDispatch() == last) idle.idle(round);
                    parked = false;
                } else {
                    idle.idle(round);
                }
                if (Thread.currentThread().isInterrupted()) return;
                continue;
            }
            round = 0;
            execute(token, w);
            last = token;
        }
    }
}
