package org.custodia.ledger.api;

/**
 * Bytes offered as a ledger signature cannot be one: wrong length, a recovery byte other than 27 or 28, {@code r}
 * or {@code s} out of range (including a non-canonical high {@code s}), or no curve point behind {@code r}. The
 * caller must treat the message as unsigned. A well-formed signature over another message is not this exception:
 * it recovers another address.
 */
public class InvalidSignatureException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidSignatureException(String message) {
        super(message);
    }
}
