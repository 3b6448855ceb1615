package dev.tessera.platform;

/**
 * One core as the scheduler sees it: a dispatch register and a status register (spec §4.3).
 *
 * <p>The scheduler writes the payload buffer {@code token & 1} first, then posts the token. The core
 * reports {@link #ACK_BIT}-less ACK when it latched the payload and FIN when the kernel returned.
 */
public interface CorePort {
    int FIN_BIT = 0x8000_0000;
    int ID_MASK = 0x7FFF_FFFF;
    /** Status of a core that has not run anything yet: FIN of the idle id. */
    int IDLE_STATUS = FIN_BIT | 0x7FFF_FFFF;

    int ACK_BIT = 0;
    /**
     * Tokens from here up are never a dispatch: the platforms use them for their own signals (the
     * threaded core's exit) and the idle status, and the scheduler's token counter wraps below them.
     */
    int FIRST_RESERVED_TOKEN = 0x7FFF_FFF0;

    /** Posts {@code token} to the dispatch register; its payload buffer must already be written. */
    void post(int token);

    /**
     * Early dispatch (#1079): posts {@code token} gated. The core latches its payload but neither
     * starts it nor reports anything (no ACK) until {@link #ring} of the same token, the doorbell.
     * Between the two nothing else may be posted to this core. This default keeps the token back
     * and {@link #ring} posts it: right for a core with no latch time of its own to model.
     */
    default void postGated(int token) {}

    /** The doorbell of the gated {@code token} ({@link #postGated}): the core may start it now. */
    default void ring(int token) {
        post(token);
    }

    /** Reads the status register: {@code FIN_BIT | token} or the bare token (ACK). */
    int status();

    static boolean isFin(int status) {
        return (status & FIN_BIT) != 0;
    }

    static int id(int status) {
        return status & ID_MASK;
    }
}
