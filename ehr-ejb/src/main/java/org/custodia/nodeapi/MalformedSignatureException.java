package org.custodia.nodeapi;

/**
 * Bytes offered as a ledger signature cannot be one (length, recovery byte, or a value out of range). The message
 * says which rule they break, never the bytes.
 */
public class MalformedSignatureException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedSignatureException(String message) {
        super(message);
    }
}
