package org.custodia.keys;

import java.security.SecureRandom;
import java.util.Objects;

import org.custodia.crypto.CryptoException;
import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.PrePublicKey;
import org.custodia.crypto.ProxyReEncryptionKem;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.kernel.SecretBytes;
import org.custodia.sealing.KeyEncryptionKey;
import org.custodia.sealing.NodeKeystore;
import org.custodia.sealing.SealingException;

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
        try {
            return new KeyCustody(kem, NodeKeystore.openOrCreate(keystore, password, random));
        } catch (SealingException e) {
            throw custodyFailure(e);
        }
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
        SecretBytes encoded = unwrap(pair.wrappedPrivateKey(), publicKey.fingerprint().toBytes());
        try {
            return kem.privateKey(encoded);
        } finally {
            encoded.destroy();
        }
    }

    /**
     * The re-encryption key from a stored key pair to {@code delegateePublicKey} (an encoded PRE public key, as
     * published on chain): the private key is unwrapped for this computation only.
     *
     * @throws KeyCustodyException if the pair does not unwrap under this key-encryption key
     * @throws CryptoException     if the delegatee's key does not decode or is not a valid key
     */
    public ReEncryptionKey reEncryptionKey(WrappedKeyPair delegator, byte[] delegateePublicKey)
            throws KeyCustodyException, CryptoException {
        PrePublicKey delegatee = kem.publicKey(delegateePublicKey);
        PrePrivateKey key = unwrap(delegator);
        try {
            return kem.reEncryptionKey(key, delegatee);
        } finally {
            destroy(key);
        }
    }

    /** Seals {@code secret} under the key-encryption key, bound to {@code context}. */
    public byte[] seal(SecretBytes secret, byte[] context) {
        return kek.wrap(secret, context);
    }

    /** Opens what {@link #seal} produced for the same context. */
    public SecretBytes open(byte[] sealed, byte[] context) throws KeyCustodyException {
        return unwrap(sealed, context);
    }

    private SecretBytes unwrap(byte[] wrapped, byte[] context) throws KeyCustodyException {
        try {
            return kek.unwrap(wrapped, context);
        } catch (SealingException e) {
            throw custodyFailure(e);
        }
    }

    /** The same message as the sealing failure, as key custody's own type. */
    private static KeyCustodyException custodyFailure(SealingException e) {
        return new KeyCustodyException(e.getMessage(), e);
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
