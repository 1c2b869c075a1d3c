package org.custodia.ledger.api;

import java.io.Serializable;

import jakarta.resource.Referenceable;

/**
 * Hands out connections to the consortium ledger. Look it up (in Custodia at {@code java:app/eis/ledger}) or
 * inject it with {@code @Resource}; close every connection it gives, preferably with try-with-resources.
 */
public interface LedgerConnectionFactory extends Serializable, Referenceable {

    /**
     * A connection from the pool.
     *
     * @throws LedgerException when no connection can be had (pool exhausted, adapter not started)
     */
    LedgerConnection getConnection() throws LedgerException;
}
