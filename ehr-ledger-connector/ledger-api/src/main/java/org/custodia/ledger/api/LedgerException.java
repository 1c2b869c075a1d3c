package org.custodia.ledger.api;

/**
 * Any failure of a ledger operation. Subtypes say whether the node could not be reached
 * ({@link LedgerUnavailableException}, worth retrying later), the connector is misconfigured
 * ({@link LedgerConfigurationException}) or a contract refused the operation ({@link ContractRefusalException} and
 * its subtypes, not worth retrying unchanged). Messages never contain key material.
 */
public class LedgerException extends Exception {

    private static final long serialVersionUID = 1L;

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
