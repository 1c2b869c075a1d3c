package org.custodia.crypto;

import javax.security.auth.Destroyable;

import org.custodia.kernel.SecretBytes;

/** A private key of the proxy re-encryption suite. Its {@code toString} never shows key material. */
public interface PrePrivateKey extends Destroyable {

    PrePublicKey publicKey();

    /** The versioned binary encoding, as secret bytes for wrapping under a key-encryption key. */
    SecretBytes toSecretBytes();
}
