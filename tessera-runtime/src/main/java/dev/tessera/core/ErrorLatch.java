package dev.tessera.core;

import dev.tessera.errors.TesseraException;

/** The first fatal error of a run wins; everyone else checks it and stops. */
public final class ErrorLatch {
    private volatile TesseraException error;

    public boolean isSet() {
        return error != null;
    }

    public TesseraException get() {
        return error;
    }

    public synchronized void set(TesseraException e) {
        if (error == null) error = e;
    }
}
