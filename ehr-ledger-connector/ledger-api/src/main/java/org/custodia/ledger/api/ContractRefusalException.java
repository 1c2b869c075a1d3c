package org.custodia.ledger.api;

/**
 * A contract refused the operation (it reverted). Nothing changed on chain. Subtypes name the common refusals;
 * this type itself is used for the others, with the contract's error name in {@link #errorName()}.
 */
public class ContractRefusalException extends LedgerException {

    private static final long serialVersionUID = 1L;

    private final String errorName;

    public ContractRefusalException(String errorName, String message) {
        super(message);
        this.errorName = errorName;
    }

    /** The contract's custom error name, e.g. {@code NotCustodian}, or {@code revert} when it gave none. */
    public String errorName() {
        return errorName;
    }
}
