package org.custodia.ledger.api;

/**
 * The connector's configuration does not fit the chain it reaches (wrong chain id, no contract at a configured
 * address, an unreadable account key). An operator must fix the configuration; retrying does not help.
 */
public class LedgerConfigurationException extends LedgerException {

    private static final long serialVersionUID = 1L;

    public LedgerConfigurationException(String message) {
        super(message);
    }

    public LedgerConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
