package org.custodia.crypto;

/** An envelope is malformed: unknown magic, version or suite, truncated or inconsistent header. */
public final class InvalidEnvelopeException extends CryptoException {

    public InvalidEnvelopeException(String message) {
        super(message);
    }
}
