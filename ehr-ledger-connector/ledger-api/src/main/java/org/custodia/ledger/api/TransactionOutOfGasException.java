package org.custodia.ledger.api;

/**
 * A transaction was mined but ran out of gas, so it took no effect and nothing of it is pending. Its gas limit came
 * from an estimate on the chain's state before it was sent; the state it met when mined needed more. Sending the
 * operation again estimates anew, so like the other {@link LedgerUnavailableException}s it is worth retrying.
 */
public class TransactionOutOfGasException extends LedgerUnavailableException {

    private static final long serialVersionUID = 1L;

    public TransactionOutOfGasException(String message) {
        super(message, null, null);
    }
}
