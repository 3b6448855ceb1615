package dev.tessera.scheduler;

import dev.tessera.platform.Actor;
import dev.tessera.platform.CorePort;
import dev.tessera.platform.Cost;

/**
 * #881: one store barrier, so the payload is visible before the core sees the new token, then a
 * bare store; still one block at a time. A cohort's writes share one barrier.
 */
final class BareWrites implements Publisher {
    @Override
    public void post(Actor payer, CorePort port, int token) {
        payer.charge(Cost.STORE_BARRIER);
        payer.charge(Cost.REGISTER_STORE);
        port.post(token);
    }

    @Override
    public void flush(Actor payer) {
        // nothing is kept
    }

    @Override
    public void postAll(Actor payer, CorePort[] ports, int[] tokens, int count) {
        if (count == 0) return;
        payer.charge(Cost.STORE_BARRIER);
        for (int i = 0; i < count; i++) {
            payer.charge(Cost.REGISTER_STORE);
            ports[i].post(tokens[i]);
        }
    }
}
