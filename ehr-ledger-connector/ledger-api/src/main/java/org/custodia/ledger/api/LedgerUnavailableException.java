package org.custodia.ledger.api;

import java.util.Optional;

/**
 * The chain node did not answer (down, unreachable, timing out) after the configured retries, or (a
 * {@link TransactionOutOfGasException}) took a transaction that ran out of gas. Retry later.
 *
 * <p>When a transaction was already signed and possibly handed to the node, {@link #pendingTransaction()} names
 * it: it may still be mined. Look it up with {@link LedgerConnection#findTransaction(Bytes32)} before sending the
 * same operation again.
 */
public class LedgerUnavailableException extends LedgerException {

    private static final long serialVersionUID = 1L;

    private final Bytes32 pendingTransaction;

    public LedgerUnavailableException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public LedgerUnavailableException(String message, Bytes32 pendingTransaction, Throwable cause) {
        super(message, cause);
        this.pendingTransaction = pendingTransaction;
    }

    /** The hash of a transaction whose fate is unknown because the node went away, if there is one. */
    public Optional<Bytes32> pendingTransaction() {
        return Optional.ofNullable(pendingTransaction);
    }
}
