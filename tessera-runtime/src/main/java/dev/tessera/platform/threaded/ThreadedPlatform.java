package dev.tessera.platform.threaded;

import dev.tessera.platform.CoreHost;
import dev.tessera.platform.IdleStrategy;
import dev.tessera.platform.Platform;
import dev.tessera.platform.PlatformSession;

public final class ThreadedPlatform implements Platform {
    private final IdleStrategy idle;

    public ThreadedPlatform(IdleStrategy idle) {
        this.idle = idle;
    }

    @Override
    public String name() {
        return "threaded";
    }

    @Override
    public PlatformSession open(CoreHost host, long seed) {
        throw new UnsupportedOperationException("todo " + idle);
    }
}
