package dev.tessera.scheduler;

import dev.tessera.platform.Actor;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.Cost;
import java.util.Arrays;

/**
 * #989's prepare/publish split: the payloads of every block claimed in one pop are prepared first
 * (the placer charges them as it goes), the tokens are kept here, and {@link #flush} makes them
 * visible with one store barrier and a burst of stores (~5 ns each on a2a3), so the blocks of a pop
 * start within a few tens of ns of each other instead of one payload apart.
 *
 * <p>Keeping a token back is safe: the core is already marked busy in the tracker, a core only
 * ever has one token kept (each core is a candidate once per pass), and a pending token written
 * later than it could have been still follows the running one's ACK.
 */
final class BurstPublisher implements Publisher {
    private CorePort[] ports;
    private int[] tokens;
    private int count;

    BurstPublisher(int capacity) {
        ports = new CorePort[Math.max(8, capacity)];
        tokens = new int[ports.length];
    }

    @Override
    public void post(Actor payer, CorePort port, int token) {
        if (count == ports.length) {
            ports = Arrays.copyOf(ports, 2 * count);
            tokens = Arrays.copyOf(tokens, 2 * count);
        }
        ports[count] = port;
        tokens[count++] = token;
    }

    @Override
    public void flush(Actor payer) {
        int n = count;
        if (n == 0) return;
        count = 0;
        payer.charge(Cost.STORE_BARRIER);
        for (int i = 0; i < n; i++) {
            payer.charge(Cost.REGISTER_STORE_BURST);
            ports[i].post(tokens[i]);
            ports[i] = null;
        }
    }

    @Override
    public void postAll(Actor payer, CorePort[] ports, int[] tokens, int count) {
        flush(payer);
        if (count == 0) return;
        payer.charge(Cost.STORE_BARRIER);
        for (int i = 0; i < count; i++) {
            payer.charge(Cost.REGISTER_STORE_BURST);
            ports[i].post(tokens[i]);
        }
    }
}
