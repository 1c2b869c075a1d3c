package org.custodia.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash of a sealed audit entry: SHA-256 over its sequence, the previous entry's hash and every field, each
 * field length-prefixed (so that no two different entries encode alike), hex.
 */
final class AuditHashes {

    /** The "previous hash" of the first entry of the chain. */
    static final String GENESIS = "0".repeat(64);

    private AuditHashes() {
    }

    static String of(long sequence, String previousHash, UUID id, Instant occurredAt, String actor, String action,
            String subject, AuditOutcome outcome, String detail) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(sequence).array());
        field(sha256, previousHash);
        field(sha256, id.toString());
        field(sha256, occurredAt.toString());
        field(sha256, actor);
        field(sha256, action);
        field(sha256, subject);
        field(sha256, outcome.name());
        field(sha256, detail);
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** A field as its UTF-8 length (-1 for none) and bytes. */
    private static void field(MessageDigest sha256, String value) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? -1 : bytes.length).array());
        sha256.update(bytes);
    }
}
