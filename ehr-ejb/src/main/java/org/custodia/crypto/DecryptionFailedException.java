package org.custodia.crypto;

/** Authenticated decryption failed: the data was modified or truncated, or the key is wrong. */
public final class DecryptionFailedException extends CryptoException {

    public DecryptionFailedException(String message) {
        super(message);
    }
}
