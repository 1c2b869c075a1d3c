package org.custodia.crypto;

import org.custodia.kernel.SecretBytes;

/**
 * A unidirectional, single-hop proxy re-encryption key encapsulation mechanism. Implementations are thread-safe.
 *
 * <p>Every decoding method validates its input completely and fails with the typed exception named; a key or
 * capsule of another implementation fails with {@link InvalidKeyMaterialException} or
 * {@link InvalidCapsuleException}.
 */
public interface ProxyReEncryptionKem {

    /** The suite identifier written into envelopes. */
    String suite();

    PreKeyPair generateKeyPair();

    Encapsulation encapsulate(PrePublicKey owner) throws InvalidKeyMaterialException;

    /** @throws KeyMismatchException if the capsule was made for another key */
    DataKey decapsulate(PrePrivateKey owner, Capsule capsule) throws CryptoException;

    /** Non-interactive: needs only the delegatee's public key. */
    ReEncryptionKey reEncryptionKey(PrePrivateKey delegator, PrePublicKey delegatee)
            throws InvalidKeyMaterialException;

    /** @throws KeyMismatchException if the capsule was made for another owner than the key's delegator */
    ReEncryptedCapsule reEncapsulate(ReEncryptionKey key, Capsule capsule) throws CryptoException;

    /** @throws KeyMismatchException if the capsule was re-encapsulated for another delegatee */
    DataKey decapsulate(PrePrivateKey delegatee, ReEncryptedCapsule capsule) throws CryptoException;

    PrePublicKey publicKey(byte[] encoded) throws InvalidKeyMaterialException;

    PrePrivateKey privateKey(SecretBytes encoded) throws InvalidKeyMaterialException;

    /**
     * The private key of a known public key, such as a stored key pair's: cheaper than {@link #privateKey(SecretBytes)},
     * which computes the public key.
     *
     * @throws InvalidKeyMaterialException if the encoding is invalid or the private key is not {@code publicKey}'s
     */
    PrePrivateKey privateKey(SecretBytes encoded, PrePublicKey publicKey) throws InvalidKeyMaterialException;

    ReEncryptionKey reEncryptionKey(byte[] encoded) throws InvalidKeyMaterialException;

    Capsule capsule(byte[] encoded) throws InvalidCapsuleException;

    ReEncryptedCapsule reEncryptedCapsule(byte[] encoded) throws InvalidCapsuleException;
}
