package org.custodia.testing;

import java.util.Optional;

import org.custodia.sealing.KeyCheckRecord;

/** A key check record held in memory, as the database holds it: at most one value, recorded once. */
public final class InMemoryKeyCheckRecord implements KeyCheckRecord {

    private String recorded;
    private boolean keysStored;

    /** Says, from now on, that wrapped keys are stored (as on a node from before the record). */
    public synchronized InMemoryKeyCheckRecord withKeysStored() {
        keysStored = true;
        return this;
    }

    @Override
    public synchronized boolean keysStored() {
        return keysStored;
    }

    @Override
    public synchronized Optional<String> recorded() {
        return Optional.ofNullable(recorded);
    }

    @Override
    public synchronized void record(String checkValue) {
        if (recorded != null) {
            throw new IllegalStateException("a key check value is recorded already");
        }
        recorded = checkValue;
    }
}
