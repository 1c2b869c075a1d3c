package org.custodia.keys;

import java.util.Arrays;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A PRE key pair as stored: the public key's encoding and the private key wrapped under the node's key-encryption
 * key, bound to the public key's fingerprint. Unwrap it only in memory, with {@link KeyCustody}.
 */
@Embeddable
public class WrappedKeyPair {

    @Column(name = "public_key", nullable = false)
    private byte[] publicKey;

    @Column(name = "wrapped_private_key", nullable = false)
    private byte[] wrappedPrivateKey;

    protected WrappedKeyPair() {
        // for JPA
    }

    WrappedKeyPair(byte[] publicKey, byte[] wrappedPrivateKey) {
        this.publicKey = publicKey.clone();
        this.wrappedPrivateKey = wrappedPrivateKey.clone();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    byte[] wrappedPrivateKey() {
        return wrappedPrivateKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedKeyPair that && Arrays.equals(publicKey, that.publicKey)
                && Arrays.equals(wrappedPrivateKey, that.wrappedPrivateKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "WrappedKeyPair[" + publicKey.length + "-byte public key, private key wrapped]";
    }
}
