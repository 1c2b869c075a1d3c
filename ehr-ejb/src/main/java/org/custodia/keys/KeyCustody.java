package org.custodia.keys;

import java.util.Objects;

import org.custodia.crypto.CryptoException;
import org.custodia.crypto.KeyFingerprint;
import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.PrePublicKey;
import org.custodia.crypto.ProxyReEncryptionKem;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.kernel.SecretBytes;
import org.custodia.sealing.KeyEncryptionKey;
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

    /** A fresh key pair for {@code owner}, its private key wrapped bound to the owner and the clear copy destroyed. */
    public WrappedKeyPair generate(KeyOwner owner) {
        PreKeyPair pair = kem.generateKeyPair();
        try {
            SecretBytes encoded = pair.privateKey().toSecretBytes();
            try {
                return ownerBound(pair.publicKey().toBytes(), encoded, owner, pair.publicKey().fingerprint());
            } finally {
                encoded.destroy();
            }
        } finally {
            destroy(pair.privateKey());
        }
    }

    /**
     * The public key of {@code owner}'s stored pair, proven to belong with it: the pair's private key authenticates as
     * the owner's under this key-encryption key, bound to this public key's fingerprint (and is wiped at once). What
     * is sealed or published under it can be opened by this node. A public key replaced in the database, or a pair
     * moved from another owner's row, is refused: whoever holds the replacement could open what was sealed under it,
     * and this node could not.
     *
     * @throws KeyCustodyException as {@link #unwrap}
     * @throws CryptoException     if the public key does not decode
     */
    public PrePublicKey provenPublicKey(WrappedKeyPair pair, KeyOwner owner)
            throws KeyCustodyException, CryptoException {
        PrePublicKey publicKey = ownerBoundPublicKey(pair, owner);
        unwrap(pair.wrappedPrivateKey(), owner.wrappingContext(publicKey.fingerprint())).destroy();
        return publicKey;
    }

    /**
     * The private key of {@code owner} in memory; the caller destroys it when done.
     *
     * @throws KeyCustodyException if the pair is in the fingerprint-bound format 1 (refused: the start-up step
     *         re-wraps it, unless it was written since every key was bound), or the wrapped key does not authenticate
     *         as {@code owner}'s (another node's KEK, a key pair moved from another owner's row, corruption)
     */
    public PrePrivateKey unwrap(WrappedKeyPair pair, KeyOwner owner) throws KeyCustodyException, CryptoException {
        PrePublicKey publicKey = ownerBoundPublicKey(pair, owner);
        SecretBytes encoded = unwrap(pair.wrappedPrivateKey(), owner.wrappingContext(publicKey.fingerprint()));
        try {
            return kem.privateKey(encoded, publicKey);
        } finally {
            encoded.destroy();
        }
    }

    /** The pair's public key, if the pair is wrapped bound to its owner (format 2). */
    private PrePublicKey ownerBoundPublicKey(WrappedKeyPair pair, KeyOwner owner)
            throws KeyCustodyException, CryptoException {
        if (!pair.isOwnerBound()) {
            throw new KeyCustodyException("the key pair of " + owner + " is still wrapped in format 1 (bound to its "
                    + "public key only), which is no longer unwrapped; the start-up step \"binding wrapped keys to "
                    + "their owners\" re-wraps such rows until every key is bound, and the node's log says why it has "
                    + "not, or that the row was written into the database since and cannot be trusted");
        }
        return kem.publicKey(pair.publicKey());
    }

    /**
     * The re-encryption key from a stored key pair to {@code delegateePublicKey} (an encoded PRE public key, as
     * published on chain): the private key is unwrapped for this computation only.
     *
     * @throws KeyCustodyException if the pair does not unwrap as {@code owner}'s under this key-encryption key
     * @throws CryptoException     if the delegatee's key does not decode or is not a valid key
     */
    public ReEncryptionKey reEncryptionKey(WrappedKeyPair delegator, KeyOwner owner, byte[] delegateePublicKey)
            throws KeyCustodyException, CryptoException {
        PrePublicKey delegatee = kem.publicKey(delegateePublicKey);
        PrePrivateKey key = unwrap(delegator, owner);
        try {
            return kem.reEncryptionKey(key, delegatee);
        } finally {
            destroy(key);
        }
    }

    /**
     * A format-1 key pair (written before owner binding) re-wrapped bound to {@code owner}: the same key pair in
     * format 2. The clear private key exists only during the call. Only for the start-up step, while the node keystore
     * does not record that every key is bound ({@link org.custodia.sealing.NodeSealing#keysOwnerBound}): once it does,
     * a format-1 row can only have been written into the database since, and must not be bound to anyone.
     *
     * @throws KeyCustodyException if it does not unwrap in format 1 under this key-encryption key (another node's KEK,
     *         an altered row)
     * @throws CryptoException     if its public key does not decode
     */
    public WrappedKeyPair bindToOwner(WrappedKeyPair legacy, KeyOwner owner)
            throws KeyCustodyException, CryptoException {
        if (legacy.isOwnerBound()) {
            throw new IllegalArgumentException("the key pair of " + owner + " is already bound to its owner");
        }
        KeyFingerprint fingerprint = kem.publicKey(legacy.publicKey()).fingerprint();
        SecretBytes encoded = unwrap(legacy.wrappedPrivateKey(), fingerprint.toBytes());
        try {
            return ownerBound(legacy.publicKey(), encoded, owner, fingerprint);
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
        return unwrap(sealed, context);
    }

    private WrappedKeyPair ownerBound(byte[] publicKey, SecretBytes privateKey, KeyOwner owner,
            KeyFingerprint fingerprint) {
        return new WrappedKeyPair(publicKey, kek.wrap(privateKey, owner.wrappingContext(fingerprint)),
                WrappedKeyPair.OWNER_BOUND);
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
