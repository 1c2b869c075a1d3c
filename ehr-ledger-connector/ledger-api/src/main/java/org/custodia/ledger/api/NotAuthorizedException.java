package org.custodia.ledger.api;

/**
 * The calling account lacks the membership, role or custody the operation requires, or is the one account the
 * operation excludes (the declarer of an emergency access cannot review it).
 */
public class NotAuthorizedException extends ContractRefusalException {

    private static final long serialVersionUID = 1L;

    public NotAuthorizedException(String errorName, String message) {
        super(errorName, message);
    }
}
