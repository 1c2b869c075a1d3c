package org.custodia.keys;

import java.security.SecureRandom;
import java.util.Objects;

import org.custodia.crypto.CryptoException;
import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.PrePublicKey;
import org.custodia.crypto.ProxyReEncryptionKem;
import org.custodia.kernel.SecretBytes;

/**
 * Creates PRE key pairs for storage and opens them in memory: private keys exist in clear only between
 * {@link #unwrap} and the caller's {@code destroy()}. Also seals small secrets (patient demographics) under the
 * same key-encryption key. Thread-safe.
 */
public final class KeyCustody {

    private final ProxyReEncryptionKem kem;
    private final KeyEncryptionKey kek;

    public KeyCustody(ProxyReEncryptionKem kem, KeyEncryptionKey kek) {
        this.kem = Objects.requireNonNull(kem, "kem");
        this.kek = Objects.requireNonNull(kek, "kek");
    }

    /** Opens (or creates on first start) the node keystore and returns custody over its key-encryption key. */
    public static KeyCustody open(ProxyReEncryptionKem kem, java.nio.file.Path keystore, char[] password,
            SecureRandom random) throws KeyCustodyException {
        return new KeyCustody(kem, NodeKeystore.openOrCreate(keystore, password, random));
    }

    /** A fresh key pair, its private key wrapped and the clear copy destroyed. */
    public WrappedKeyPair generate() {
        PreKeyPair pair = kem.generateKeyPair();
        try {
            SecretBytes encoded = pair.privateKey().toSecretBytes();
            try {
                return new WrappedKeyPair(pair.publicKey().toBytes(),
                        kek.wrap(encoded, pair.publicKey().fingerprint().toBytes()));
            } finally {
                encoded.destroy();
            }
        } finally {
            destroy(pair.privateKey());
        }
    }

    public PrePublicKey publicKey(WrappedKeyPair pair) throws CryptoException {
        return kem.publicKey(pair.publicKey());
    }

    /**
     * The private key in memory; the caller destroys it when done.
     *
     * @throws KeyCustodyException if the wrapped key does not authenticate (another node's KEK, a row copied from
     *         another key, corruption)
     */
    public PrePrivateKey unwrap(WrappedKeyPair pair) throws KeyCustodyException, CryptoException {
        PrePublicKey publicKey = kem.publicKey(pair.publicKey());
        SecretBytes encoded = kek.unwrap(pair.wrappedPrivateKey(), publicKey.fingerprint().toBytes());
        try {
            return kem.privateKey(encoded);
        } finally {
            encoded.destroy();
        }
    }

    /** Seals {@code secret} under the key-encryption key, bound to {@code context}. */
    public byte[] seal(SecretBytes secret, byte[] context) {
        return kek.wrap(secret, context);
    }

    /** Opens what {@link #seal} produced for the same context. */
    public SecretBytes open(byte[] sealed, byte[] context) throws KeyCustodyException {
        return kek.unwrap(sealed, context);
    }

    /** Wipes a private key, tolerating implementations that cannot. */
    public static void destroy(PrePrivateKey key) {
        try {
            key.destroy();
        } catch (javax.security.auth.DestroyFailedException e) {
            // nothing more can be done; the key goes out of scope with the caller
        }
    }
}
