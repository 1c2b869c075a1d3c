package org.custodia.ledger.api;

/** The grant that would allow the operation has been revoked. */
public class GrantRevokedException extends ContractRefusalException {

    private static final long serialVersionUID = 1L;

    public GrantRevokedException(String errorName, String message) {
        super(errorName, message);
    }
}
