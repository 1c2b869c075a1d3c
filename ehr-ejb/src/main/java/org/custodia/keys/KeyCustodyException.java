package org.custodia.keys;

import java.security.GeneralSecurityException;

/** The key-encryption key could not be loaded, or a wrapped key could not be unwrapped. */
public final class KeyCustodyException extends GeneralSecurityException {

    public KeyCustodyException(String message) {
        super(message);
    }

    public KeyCustodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
