package org.custodia.crypto;

import java.security.GeneralSecurityException;

/** Base of the typed failures of the crypto API; messages say what is wrong and never contain secret material. */
public abstract class CryptoException extends GeneralSecurityException {

    protected CryptoException(String message) {
        super(message);
    }
}
