package dev.tessera.platform;

/** How dispatches reach cores, and what time it is: real threads or simulated time. */
public interface Platform {
    String name();

    PlatformSession open(CoreHost host, long seed);
}
