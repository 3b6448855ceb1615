package dev.tessera.platform.threaded;

import dev.tessera.platform.CoreHost;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.IdleStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Dedicated cores: a daemon thread per core, each a {@link CoreWorker}. */
final class DedicatedCores implements CoreSet {
    private final CoreWorker[] cores;
    private final String[] names;
    private final List<Thread> started = new ArrayList<>();

    DedicatedCores(CoreHost host, IdleStrategy idle, RunClock clock, long seed) {
        int n = host.topology().cores();
        cores = new CoreWorker[n];
        names = new String[n];
        for (int c = 0; c < n; c++) {
            cores[c] = new CoreWorker(c, host, idle, clock, seed);
            names[c] = "tessera-core-" + host.topology().coreLabel(c);
        }
    }

    @Override
    public void start(ThreadStarter starter) {
        try {
            for (int c = 0; c < cores.length; c++) {
                Thread t = starter.create(names[c], true, cores[c]);
                cores[c].bind(t, new KernelWatch(t, "core thread " + names[c]));
                starter.start(t, started.size());
                started.add(t);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public CorePort core(int coreId) {
        return cores[coreId];
    }

    @Override
    public void forEachWatch(Consumer<KernelWatch> action) {
        for (CoreWorker c : cores) {
            KernelWatch w = c.watch();
            if (w != null) action.accept(w);
        }
    }

    /** Tells every started core to exit and joins them (see {@link Joiner}). */
    @Override
    public int close() {
        List<KernelWatch> watches = new ArrayList<>(started.size());
        for (int c = 0; c < started.size(); c++) {
            cores[c].exit();
            watches.add(cores[c].watch());
        }
        return Joiner.stop(started, watches);
    }
}
