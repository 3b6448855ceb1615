package dev.tessera.platform.threaded;

import dev.tessera.errors.ErrorCode;
import dev.tessera.errors.ExecutionException;
import java.util.concurrent.ThreadFactory;

/**
 * Creates and starts a session's threads, turning a failure (typically {@code OutOfMemoryError:
 * unable to create native thread}) into a {@code PLATFORM_FAILED} error the caller can stop on.
 */
final class ThreadStarter {
    static final ThreadFactory PLATFORM_THREADS = r -> Thread.ofPlatform().unstarted(r);

    private final ThreadFactory factory;

    ThreadStarter(ThreadFactory factory) {
        this.factory = factory;
    }

    Thread create(String name, boolean daemon, Runnable body) {
        try {
            Thread t = factory.newThread(body);
            if (t == null) throw new IllegalStateException("the thread factory returned null");
            t.setName(name);
            t.setDaemon(daemon);
            return t;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw failed(name, -1, e);
        }
    }

    /** Starts {@code t}; {@code alreadyStarted} is only for the message. */
    void start(Thread t, int alreadyStarted) {
        try {
            t.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            throw failed(t.getName(), alreadyStarted, e);
        }
    }

    private static ExecutionException failed(String name, int started, Throwable e) {
        return new ExecutionException(
                ErrorCode.PLATFORM_FAILED,
                "could not start thread " + name
                        + (started >= 0 ? " (the " + started + " started before it were stopped)" : "") + ": " + e
                        + ". The machine is out of threads or of memory for thread stacks: use pooled cores (--cores pooled, "
                        + "CoreExecutor.pooled()), a smaller topology or a smaller -Xss, or raise the limits (ulimit -u, ulimit -v)",
                e);
    }
}
