package org.custodia.ledger.api;

/** A record is already anchored under this id; anchors are immutable. */
public class AlreadyAnchoredException extends ContractRefusalException {

    private static final long serialVersionUID = 1L;

    public AlreadyAnchoredException(String errorName, String message) {
        super(errorName, message);
    }
}
