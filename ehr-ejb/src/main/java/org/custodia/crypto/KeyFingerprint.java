package org.custodia.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** SHA-256 of a public key's encoding: how envelopes, capsules and re-encryption keys name a key. */
public final class KeyFingerprint {

    public static final int LENGTH = 32;

    private final byte[] digest;

    private KeyFingerprint(byte[] digest) {
        this.digest = digest;
    }

    public static KeyFingerprint ofPublicKey(byte[] publicKeyEncoding) {
        try {
            return new KeyFingerprint(MessageDigest.getInstance("SHA-256").digest(publicKeyEncoding));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** @param digest 32 bytes, copied */
    public static KeyFingerprint fromBytes(byte[] digest) {
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException("key fingerprint must be " + LENGTH + " bytes, got " + digest.length);
        }
        return new KeyFingerprint(digest.clone());
    }

    public byte[] toBytes() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyFingerprint that && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    /** Lower-case hex of the 32 bytes. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(digest);
    }
}
