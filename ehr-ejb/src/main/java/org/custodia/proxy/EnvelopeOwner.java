package org.custodia.proxy;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.custodia.crypto.InvalidCapsuleException;
import org.custodia.crypto.KeyFingerprint;
import org.custodia.crypto.ProxyReEncryptionKem;
import org.custodia.crypto.RecordEnvelopes;
import org.custodia.kernel.Failure;
import org.custodia.kernel.SharingException;

/**
 * What the proxy reads of an envelope's header before it decides anything: the record id and the owner key, with the
 * capsule fully validated. It reads the header format {@code RecordEnvelopes} writes (format version 2: magic
 * {@code CUEV}, version, suite id, record id, capsule, re-encryption count) and puts the stream back where it was,
 * so that {@link RecordEnvelopes#reEncrypt} reads the envelope from its start. An envelope that would fail there
 * fails here, before the access is logged on chain.
 *
 * @param recordId the 32-byte record id the envelope is bound to
 * @param owner    the key the capsule was made for
 */
record EnvelopeOwner(byte[] recordId, KeyFingerprint owner) {

    private static final byte[] MAGIC = {'C', 'U', 'E', 'V'};
    private static final int FORMAT_VERSION = 2;
    private static final int MAX_FIELD_LENGTH = 4096;
    /** The longest header: magic, version, suite (1 + 255), record id, capsule (2 + 4096), count. */
    static final int MAX_HEADER_LENGTH = 4 + 1 + 1 + 255 + RecordEnvelopes.RECORD_ID_LENGTH + 2 + MAX_FIELD_LENGTH + 1;

    /**
     * Reads the header at the stream's position and resets the stream to it.
     *
     * @throws SharingException ({@link Failure#INTEGRITY_FAILURE}) if it is not an envelope of {@code kem}'s suite as
     *                          its owner made it
     * @throws IOException      if the stream breaks off
     */
    static EnvelopeOwner peek(BufferedInputStream envelope, ProxyReEncryptionKem kem) throws IOException {
        envelope.mark(MAX_HEADER_LENGTH + 1);
        DataInputStream in = new DataInputStream(envelope);
        byte[] recordId;
        byte[] capsule;
        try {
            if (!Arrays.equals(readFully(in, MAGIC.length), MAGIC)) {
                throw invalid("it is not a record envelope (no \"CUEV\" magic)");
            }
            int version = in.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw invalid("its format version " + version + " is not " + FORMAT_VERSION);
            }
            String suite = new String(readFully(in, in.readUnsignedByte()), StandardCharsets.US_ASCII);
            if (!suite.equals(kem.suite())) {
                throw invalid("its suite is not " + kem.suite());
            }
            recordId = readFully(in, RecordEnvelopes.RECORD_ID_LENGTH);
            int capsuleLength = in.readUnsignedShort();
            if (capsuleLength == 0 || capsuleLength > MAX_FIELD_LENGTH) {
                throw invalid("its capsule length " + capsuleLength + " is outside 1.." + MAX_FIELD_LENGTH);
            }
            capsule = readFully(in, capsuleLength);
            if (in.readUnsignedByte() != 0) {
                throw invalid("it is already re-encrypted (the scheme allows one hop only)");
            }
        } catch (EOFException e) {
            throw invalid("it ends inside its header");
        }
        envelope.reset();
        try {
            return new EnvelopeOwner(recordId, kem.capsule(capsule).owner());
        } catch (InvalidCapsuleException e) {
            throw invalid("its capsule is not valid: " + e.getMessage());
        }
    }

    private static byte[] readFully(DataInputStream in, int length) throws IOException {
        byte[] field = new byte[length];
        in.readFully(field);
        return field;
    }

    private static SharingException invalid(String why) {
        return new SharingException(Failure.INTEGRITY_FAILURE, "the custodian's envelope cannot be re-encrypted: "
                + why);
    }
}
