package dev.tessera.scheduler;

import dev.tessera.platform.CorePort;

/**
 * What one status word of a busy core means (spec §4.3, the ACK/FIN table), decided from this
 * scheduler's record of the core without changing it. The status register keeps only its last
 * value: a token and whether it is the ACK (latched) or FIN (finished) of that dispatch.
 *
 * <table>
 *   <caption>status of core c → outcome</caption>
 *   <tr><th>status names</th><th>ACK</th><th>FIN</th></tr>
 *   <tr><td>the pending dispatch</td><td>{@link Outcome#PENDING_STARTED}: so the running one finished</td>
 *       <td>{@link Outcome#BOTH_FINISHED}</td></tr>
 *   <tr><td>the running dispatch, none pending</td><td>{@link Outcome#RUNNING_LATCHED}</td>
 *       <td>{@link Outcome#RUNNING_FINISHED}</td></tr>
 *   <tr><td>the running dispatch, one pending</td><td colspan="2">{@link Outcome#NOTHING}: the
 *       pending payload's buffer stays occupied until the pending dispatch's own ACK</td></tr>
 *   <tr><td>the running dispatch, one gated pending (early dispatch)</td><td>{@link Outcome#NOTHING}</td>
 *       <td>{@link Outcome#GATED_PROMOTED} (case 3.3): a gated dispatch does not ACK before its
 *       doorbell, so waiting for its ACK could wait for ever</td></tr>
 *   <tr><td>anything else (an older token)</td><td colspan="2">{@link Outcome#NOTHING}</td></tr>
 * </table>
 */
final class CompletionTable {
    enum Outcome {
        /** Nothing this scheduler does not already know. */
        NOTHING,
        /** The running dispatch latched its payload: the buffer may take a pending dispatch. */
        RUNNING_LATCHED,
        /** The running dispatch finished, none is pending: the core is idle. */
        RUNNING_FINISHED,
        /** The pending dispatch latched, so the running one finished: the pending one now runs. */
        PENDING_STARTED,
        /** The pending dispatch finished, so both did: the core is idle. */
        BOTH_FINISHED,
        /**
         * Case 3.3 (#1079): the running dispatch finished and the pending one is gated: it becomes
         * the running one, still gated and unlatched, until its doorbell.
         */
        GATED_PROMOTED
    }

    private CompletionTable() {}

    /** The outcome of reading {@code status} from busy local core {@code c} of {@code t}. */
    static Outcome decide(CoreTracker t, int c, int status) {
        int token = CorePort.id(status);
        boolean fin = CorePort.isFin(status);
        boolean hasPending = t.pendTask[c] != null;
        if (hasPending && token == t.pendToken[c]) return fin ? Outcome.BOTH_FINISHED : Outcome.PENDING_STARTED;
        if (token != t.runToken[c]) return Outcome.NOTHING;
        if (hasPending) return fin && t.pendGated[c] ? Outcome.GATED_PROMOTED : Outcome.NOTHING;
        return fin ? Outcome.RUNNING_FINISHED : Outcome.RUNNING_LATCHED;
    }
}
