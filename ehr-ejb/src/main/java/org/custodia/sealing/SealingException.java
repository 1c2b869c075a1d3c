package org.custodia.sealing;

import java.security.GeneralSecurityException;

/**
 * The key-encryption key could not be loaded or created, or a sealed value does not open (another node's KEK, another
 * row's context, corruption). The message names the file, alias or reason, never a secret.
 */
public final class SealingException extends GeneralSecurityException {

    private static final long serialVersionUID = 1L;

    public SealingException(String message) {
        super(message);
    }

    public SealingException(String message, Throwable cause) {
        super(message, cause);
    }
}
