package org.custodia.ledger.api;

/** An argument the contract checks is missing, too long or out of range, or a record does not belong to the named patient. */
public class InvalidLedgerInputException extends ContractRefusalException {

    private static final long serialVersionUID = 1L;

    public InvalidLedgerInputException(String errorName, String message) {
        super(errorName, message);
    }
}
