package org.custodia.crypto;

/** A re-encrypted envelope's original is not the one expected (the hash its custodian anchored). */
public final class OriginalMismatchException extends CryptoException {

    public OriginalMismatchException(String message) {
        super(message);
    }
}
