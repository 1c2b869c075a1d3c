package org.custodia.ledger;

import org.custodia.ledger.api.ContractRefusalException;
import org.custodia.ledger.api.LedgerConfigurationException;
import org.custodia.ledger.api.LedgerUnavailableException;

/**
 * What a failed chain transaction may have done. The ledger connector names a transaction it handed to the chain node
 * in the failure it reports ({@link LedgerUnavailableException#pendingTransaction()}). A contract's refusal means the
 * transaction took no effect; a chain node that could not be asked or did not take it, or the connector's
 * configuration, means it was never sent. Any other failure on the way (a receipt that cannot be read, an answer for
 * fewer items than were sent, an unchecked error) may come after the transaction was mined: its outcome is not known.
 */
public final class SentTransactions {

    private SentTransactions() {
    }

    /** Whether the transaction that failed with {@code failure} (or with one of its causes) may still take effect. */
    public static boolean mayHaveTakenEffect(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ContractRefusalException || cause instanceof LedgerConfigurationException) {
                return false;
            }
            if (cause instanceof LedgerUnavailableException unavailable) {
                return unavailable.pendingTransaction().isPresent();
            }
        }
        return true;
    }
}
