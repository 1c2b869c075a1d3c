package org.custodia.keys;

import java.util.Arrays;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.custodia.crypto.KeyFingerprint;
import org.custodia.sealing.KeyEncryptionKey;
import org.custodia.sealing.SealingException;

/**
 * A PRE key pair as stored: the public key's encoding, the private key wrapped under the node's key-encryption key,
 * and the format of that wrapping. Unwrap it only in memory, with {@link KeyCustody}, which accepts
 * {@link #OWNER_BOUND} only.
 */
@Embeddable
public class WrappedKeyPair {

    /**
     * Format 1: the private key wrapped bound to its public key's fingerprint only, as rows were written before
     * migration V25. Such a row is only ever re-wrapped to format 2 ({@link KeyCustody#bindToOwner}), never used.
     */
    public static final short FINGERPRINT_BOUND = 1;

    /** Format 2: the private key wrapped bound to its owner and its public key ({@link KeyOwner}). */
    public static final short OWNER_BOUND = 2;

    @Column(name = "public_key", nullable = false)
    private byte[] publicKey;

    @Column(name = "wrapped_private_key", nullable = false)
    private byte[] wrappedPrivateKey;

    @Column(name = "key_wrap_format", nullable = false)
    private short wrapFormat;

    protected WrappedKeyPair() {
        // for JPA
    }

    WrappedKeyPair(byte[] publicKey, byte[] wrappedPrivateKey, short wrapFormat) {
        this.publicKey = publicKey.clone();
        this.wrappedPrivateKey = wrappedPrivateKey.clone();
        this.wrapFormat = wrapFormat;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    byte[] wrappedPrivateKey() {
        return wrappedPrivateKey.clone();
    }

    /** Whether the private key is wrapped bound to its owner (format 2), the only format that unwraps. */
    public boolean isOwnerBound() {
        return wrapFormat == OWNER_BOUND;
    }

    /**
     * Whether {@code kek} unwraps the private key as stored for {@code owner}, in the row's format (the clear copy is
     * destroyed at once): for telling a keystore's key from another, never for using the key.
     */
    public boolean opensUnder(KeyOwner owner, KeyEncryptionKey kek) {
        KeyFingerprint fingerprint = KeyFingerprint.ofPublicKey(publicKey);
        byte[] context = isOwnerBound() ? owner.wrappingContext(fingerprint) : fingerprint.toBytes();
        try {
            kek.unwrap(wrappedPrivateKey, context).destroy();
            return true;
        } catch (SealingException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedKeyPair that && Arrays.equals(publicKey, that.publicKey)
                && Arrays.equals(wrappedPrivateKey, that.wrappedPrivateKey) && wrapFormat == that.wrapFormat;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "WrappedKeyPair[" + publicKey.length + "-byte public key, private key wrapped, format " + wrapFormat
                + "]";
    }
}
