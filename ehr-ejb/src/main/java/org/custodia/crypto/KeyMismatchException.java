package org.custodia.crypto;

/** A key was used with data meant for another key (another owner, another delegatee). */
public final class KeyMismatchException extends CryptoException {

    public KeyMismatchException(String message) {
        super(message);
    }
}
