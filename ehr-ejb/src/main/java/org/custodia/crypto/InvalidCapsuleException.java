package org.custodia.crypto;

/** An encoded capsule or re-encrypted capsule failed validation. */
public final class InvalidCapsuleException extends CryptoException {

    public InvalidCapsuleException(String message) {
        super(message);
    }
}
