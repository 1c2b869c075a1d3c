package org.custodia.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

import org.custodia.crypto.KeyFingerprint;

/**
 * Whose stored PRE key pair it is: a patient this hospital is custodian for, or this node itself. A private key is
 * wrapped bound to its owner as well as to its public key ({@link #wrappingContext}), so a key pair moved into
 * another owner's row does not unwrap there.
 */
public final class KeyOwner {

    private static final String PATIENT = "patient";
    private static final String NODE = "node-key";

    private final String kind;
    private final String id;

    private KeyOwner(String kind, String id) {
        this.kind = kind;
        this.id = id;
    }

    /** The patient registered under {@code patientId}. */
    public static KeyOwner patient(UUID patientId) {
        return new KeyOwner(PATIENT, Objects.requireNonNull(patientId, "patient id").toString());
    }

    /** This node, owner of its own key pair (the single {@code hospital} row). */
    public static KeyOwner node() {
        return new KeyOwner(NODE, Short.toString(OwnKeyPair.THIS_NODE));
    }

    /**
     * The associated data a private key is wrapped with in {@link WrappedKeyPair#OWNER_BOUND format 2}: three
     * fields, each a 4-byte big-endian length followed by its bytes: the owner's kind ({@code patient} or
     * {@code node-key}, US-ASCII), its id (the patient UUID in canonical lower-case form, or the own key pair's row
     * id {@code 1}, US-ASCII) and the public key's fingerprint (32 bytes).
     */
    byte[] wrappingContext(KeyFingerprint publicKey) {
        byte[][] fields = {kind.getBytes(StandardCharsets.US_ASCII), id.getBytes(StandardCharsets.US_ASCII),
                publicKey.toBytes()};
        int length = 0;
        for (byte[] field : fields) {
            length += Integer.BYTES + field.length;
        }
        ByteBuffer context = ByteBuffer.allocate(length);
        for (byte[] field : fields) {
            context.putInt(field.length).put(field);
        }
        return context.array();
    }

    /** The owner as messages name it. */
    @Override
    public String toString() {
        return PATIENT.equals(kind) ? "patient " + id : "this node's own key pair";
    }
}
