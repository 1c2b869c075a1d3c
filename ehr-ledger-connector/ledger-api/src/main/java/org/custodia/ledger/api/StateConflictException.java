package org.custodia.ledger.api;

/**
 * The entry is not in a state that allows the operation (already a member, already superseded, request no longer
 * pending, already reviewed, an emergency declaration still active, an audit trail head not above the one anchored
 * before).
 */
public class StateConflictException extends ContractRefusalException {

    private static final long serialVersionUID = 1L;

    public StateConflictException(String errorName, String message) {
        super(errorName, message);
    }
}
