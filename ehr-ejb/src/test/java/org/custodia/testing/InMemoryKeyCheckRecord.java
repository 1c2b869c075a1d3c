package org.custodia.testing;

import java.util.Optional;

import org.custodia.sealing.KeyCheckRecord;

/** A key check record held in memory, as the database holds it: at most one value, recorded once. */
public final class InMemoryKeyCheckRecord implements KeyCheckRecord {

    private String recorded;

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
