package org.custodia.nodeapi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The SHA-256 digest of a message's content, as the {@code Content-Digest} field carries it (RFC 9530):
 * {@code sha-256=:<base64 of 32 bytes>:}. The digest is over the exact body bytes sent; a message without content
 * has the digest of zero bytes.
 */
public final class ContentDigest {

    private static final String ALGORITHM = "SHA-256";
    private static final String KEY = "sha-256";
    private static final String PREFIX = KEY + "=:";
    private static final int LENGTH = 32;
    private static final int MAX_FIELD_LENGTH = 128;

    private final byte[] sha256;

    private ContentDigest(byte[] sha256) {
        this.sha256 = sha256;
    }

    /** The digest of {@code body}; an empty array for a message without content. */
    public static ContentDigest of(byte[] body) {
        Objects.requireNonNull(body, "the body is missing (an empty array stands for a message without content)");
        return new ContentDigest(newSha256().digest(body));
    }

    /** A fresh SHA-256 {@link MessageDigest} to pass a streamed body through, then to hand to {@link #from}. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM offers no SHA-256, which every Java platform must", e);
        }
    }

    /** The digest of everything passed through {@code sha256} (made by {@link #newSha256()}), which is reset. */
    public static ContentDigest from(MessageDigest sha256) {
        Objects.requireNonNull(sha256, "the message digest is missing");
        if (!ALGORITHM.equalsIgnoreCase(sha256.getAlgorithm())) {
            throw new IllegalArgumentException("a Content-Digest here is SHA-256; use ContentDigest.newSha256(), not "
                    + sha256.getAlgorithm());
        }
        return new ContentDigest(sha256.digest());
    }

    /**
     * Reads a received {@code Content-Digest} field value. This profile accepts exactly one member, {@code sha-256},
     * whose value is the canonical base64 of 32 bytes.
     *
     * @throws MalformedFieldException when the value is missing, too long or in any other form
     */
    public static ContentDigest parse(String fieldValue) throws MalformedFieldException {
        String value = FieldSyntax.trimmed(NodeCallHeaders.CONTENT_DIGEST, fieldValue, MAX_FIELD_LENGTH);
        if (!value.startsWith(PREFIX) || value.length() <= PREFIX.length() || !value.endsWith(":")) {
            throw new MalformedFieldException(NodeCallHeaders.CONTENT_DIGEST
                    + " must hold exactly one SHA-256 digest, as sha-256=:<base64 of 32 bytes>: (RFC 9530)");
        }
        byte[] digest = FieldSyntax.decodeByteSequence(NodeCallHeaders.CONTENT_DIGEST,
                value.substring(PREFIX.length(), value.length() - 1));
        if (digest.length != LENGTH) {
            throw new MalformedFieldException(NodeCallHeaders.CONTENT_DIGEST + " must hold a " + LENGTH
                    + "-byte SHA-256 digest, got " + digest.length + " bytes");
        }
        return new ContentDigest(digest);
    }

    /** The field value: {@code sha-256=:<base64>:}. */
    public String fieldValue() {
        return KEY + "=" + FieldSyntax.byteSequence(sha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContentDigest that && Arrays.equals(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return fieldValue();
    }
}
