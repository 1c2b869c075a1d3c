package org.custodia.ledger.api;

/**
 * No record, patient, grant, access request, emergency declaration or anchored audit trail head exists under the
 * given id.
 */
public class UnknownEntryException extends ContractRefusalException {

    private static final long serialVersionUID = 1L;

    public UnknownEntryException(String errorName, String message) {
        super(errorName, message);
    }
}
