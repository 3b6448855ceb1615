package dev.tessera.scheduler;

import dev.tessera.platform.Actor;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.Cost;

/** PR #827's register path: every write between two full barriers, one block after another. */
final class FencedWrites implements Publisher {
    @Override
    public void post(Actor payer, CorePort port, int token) {
        payer.charge(Cost.REGISTER_WRITE);
        port.post(token);
    }

    @Override
    public void flush(Actor payer) {
        // nothing is kept
    }

    @Override
    public void postAll(Actor payer, CorePort[] ports, int[] tokens, int count) {
        for (int i = 0; i < count; i++) post(payer, ports[i], tokens[i]);
    }
}
