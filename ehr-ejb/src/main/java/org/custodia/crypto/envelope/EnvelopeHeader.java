package org.custodia.crypto.envelope;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.custodia.crypto.InvalidEnvelopeException;
import org.custodia.crypto.RecordEnvelopes;

/**
 * The envelope header, format version 2 (64 KiB body segments). All integers big-endian.
 *
 * <pre>
 * authenticated part (the streaming AEAD's associated data, byte for byte):
 *   magic            4 bytes  "CUEV"
 *   format version   1 byte   2
 *   suite id         1 byte length n, then n ASCII bytes ("CUSTODIA-PRE-BLS12381-V1")
 *   record id        32 bytes
 *   capsule          2 byte length m, then m bytes (the KEM's capsule encoding, which starts with the owner
 *                    key fingerprint)
 * re-encryption part (added by a proxy, not authenticated by the AEAD: a wrong value only yields a wrong key):
 *   count            1 byte   0 (as made by the owner) or 1 (re-encrypted; the scheme is single-hop)
 *   re-encrypted     if count is 1: 2 byte length k, then k bytes (the KEM's re-encrypted capsule encoding,
 *   capsule          which repeats the original capsule and must match it)
 * </pre>
 */
final class EnvelopeHeader {

    static final byte[] MAGIC = {'C', 'U', 'E', 'V'};
    /** 2: 64 KiB body segments. (1, with 1 MiB segments, was never released: it kept AES-GCM on its slow path.) */
    static final int FORMAT_VERSION = 2;

    private static final int MAX_FIELD_LENGTH = 4096;
    /** The longest header: magic, version, suite (1 + 255), record id, capsule, count, re-encrypted capsule. */
    static final int MAX_LENGTH = 4 + 1 + 1 + 255 + RecordEnvelopes.RECORD_ID_LENGTH + 2 * (2 + MAX_FIELD_LENGTH) + 1;

    private final byte[] authenticated;
    private final String suite;
    private final byte[] recordId;
    private final byte[] capsule;
    private final byte[] reEncryptedCapsule;

    private EnvelopeHeader(byte[] authenticated, String suite, byte[] recordId, byte[] capsule,
            byte[] reEncryptedCapsule) {
        this.authenticated = authenticated;
        this.suite = suite;
        this.recordId = recordId;
        this.capsule = capsule;
        this.reEncryptedCapsule = reEncryptedCapsule;
    }

    static EnvelopeHeader of(String suite, byte[] recordId, byte[] capsule) {
        if (recordId.length != RecordEnvelopes.RECORD_ID_LENGTH) {
            throw new IllegalArgumentException("record id must be " + RecordEnvelopes.RECORD_ID_LENGTH
                    + " bytes, got " + recordId.length);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(FORMAT_VERSION);
            byte[] suiteBytes = suite.getBytes(StandardCharsets.US_ASCII);
            out.writeByte(suiteBytes.length);
            out.write(suiteBytes);
            out.write(recordId);
            out.writeShort(capsule.length);
            out.write(capsule);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return new EnvelopeHeader(bytes.toByteArray(), suite, recordId.clone(), capsule.clone(), null);
    }

    static EnvelopeHeader read(InputStream source) throws IOException, InvalidEnvelopeException {
        ByteArrayOutputStream authenticated = new ByteArrayOutputStream();
        DataInputStream in = new DataInputStream(source);
        try {
            byte[] magic = readField(in, MAGIC.length, authenticated);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidEnvelopeException("not a record envelope: magic is not \"CUEV\"");
            }
            int version = readField(in, 1, authenticated)[0] & 0xff;
            if (version != FORMAT_VERSION) {
                throw new InvalidEnvelopeException("envelope format version " + version + " is not supported, "
                        + "expected " + FORMAT_VERSION);
            }
            int suiteLength = readField(in, 1, authenticated)[0] & 0xff;
            String suite = new String(readField(in, suiteLength, authenticated), StandardCharsets.US_ASCII);
            byte[] recordId = readField(in, RecordEnvelopes.RECORD_ID_LENGTH, authenticated);
            byte[] capsule = readField(in, readLength(in, authenticated), authenticated);
            int count = in.readUnsignedByte();
            byte[] reEncryptedCapsule = switch (count) {
                case 0 -> null;
                case 1 -> readField(in, readLength(in, null), null);
                default -> throw new InvalidEnvelopeException("envelope has " + count
                        + " re-encryptions; at most one is possible");
            };
            return new EnvelopeHeader(authenticated.toByteArray(), suite, recordId, capsule, reEncryptedCapsule);
        } catch (EOFException e) {
            throw new InvalidEnvelopeException("envelope ends inside its header");
        }
    }

    /** The header with a proxy's re-encrypted capsule in place of any it had. */
    EnvelopeHeader reEncrypted(byte[] reEncryptedCapsule) {
        return new EnvelopeHeader(authenticated, suite, recordId, capsule, reEncryptedCapsule.clone());
    }

    void write(OutputStream sink) throws IOException {
        DataOutputStream out = new DataOutputStream(sink);
        out.write(authenticated);
        if (reEncryptedCapsule == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.writeShort(reEncryptedCapsule.length);
            out.write(reEncryptedCapsule);
        }
        out.flush();
    }

    byte[] associatedData() {
        return authenticated.clone();
    }

    String suite() {
        return suite;
    }

    byte[] recordId() {
        return recordId.clone();
    }

    byte[] capsule() {
        return capsule.clone();
    }

    /** The re-encrypted capsule, or null for an envelope as its owner made it. */
    byte[] reEncryptedCapsule() {
        return reEncryptedCapsule == null ? null : reEncryptedCapsule.clone();
    }

    private static int readLength(DataInputStream in, ByteArrayOutputStream authenticated)
            throws IOException, InvalidEnvelopeException {
        byte[] length = readField(in, 2, authenticated);
        int value = ((length[0] & 0xff) << 8) | (length[1] & 0xff);
        if (value == 0 || value > MAX_FIELD_LENGTH) {
            throw new InvalidEnvelopeException("envelope header field length " + value + " is outside 1.."
                    + MAX_FIELD_LENGTH);
        }
        return value;
    }

    private static byte[] readField(DataInputStream in, int length, ByteArrayOutputStream authenticated)
            throws IOException {
        byte[] field = new byte[length];
        in.readFully(field);
        if (authenticated != null) {
            authenticated.writeBytes(field);
        }
        return field;
    }
}
