package dev.tessera.platform.sim;

/**
 * Receives every scheduling decision of a session in the order the engine makes them: charges,
 * idles, wakes, baton hand-offs and actors leaving. Called only by the baton holder, so a plain
 * list is a safe sink. Used to show that a seed replays exactly.
 */
@FunctionalInterface
interface SimLog {
    void event(String actor, long clockNs, String what);
}
