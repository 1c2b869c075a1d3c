package org.custodia.ledger.api;

/** The grant or emergency access that would allow the operation has expired. */
public class GrantExpiredException extends ContractRefusalException {

    private static final long serialVersionUID = 1L;

    public GrantExpiredException(String errorName, String message) {
        super(errorName, message);
    }
}
