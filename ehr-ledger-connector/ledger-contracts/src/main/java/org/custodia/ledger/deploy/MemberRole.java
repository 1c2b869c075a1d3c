package org.custodia.ledger.deploy;

import java.math.BigInteger;

/** A consortium member's role, with its code in {@code ConsortiumRegistry}. */
public enum MemberRole {
    HOSPITAL(1),
    PROXY(2);

    private final int code;

    MemberRole(int code) {
        this.code = code;
    }

    /** The role code the contract stores ({@code ConsortiumRegistry.HOSPITAL} or {@code PROXY}). */
    public BigInteger code() {
        return BigInteger.valueOf(code);
    }
}
