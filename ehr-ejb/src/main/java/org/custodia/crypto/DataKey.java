package org.custodia.crypto;

import javax.security.auth.Destroyable;

import org.custodia.kernel.SecretBytes;

/** The 32-byte symmetric key a capsule carries; it keys the streaming AEAD of one record body. */
public final class DataKey implements Destroyable {

    public static final int LENGTH = 32;

    private final SecretBytes secret;

    public DataKey(SecretBytes secret) {
        if (secret.size() != LENGTH) {
            throw new IllegalArgumentException("data key must be " + LENGTH + " bytes, got " + secret.size());
        }
        this.secret = secret;
    }

    public SecretBytes secret() {
        return secret;
    }

    @Override
    public void destroy() {
        secret.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return secret.isDestroyed();
    }

    @Override
    public String toString() {
        return "DataKey[redacted]";
    }
}
