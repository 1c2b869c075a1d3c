package org.custodia.ledger.api;

/**
 * An argument the contract checks is missing, too long, out of range or outside its closed list (emergency reason,
 * category, bare media type), or a record does not belong to the named patient.
 */
public class InvalidLedgerInputException extends ContractRefusalException {

    private static final long serialVersionUID = 1L;

    public InvalidLedgerInputException(String errorName, String message) {
        super(errorName, message);
    }
}
