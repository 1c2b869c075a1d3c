package org.custodia.crypto;

/** An encoded key (public, private or re-encryption) failed validation on import. */
public final class InvalidKeyMaterialException extends CryptoException {

    public InvalidKeyMaterialException(String message) {
        super(message);
    }
}
