package org.custodia.ledger.api;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * What a custodian hospital anchors for a record: its id, the patient pseudonym, the SHA-256 of the encrypted
 * envelope, its category and content type, and the record it corrects, if any. No field may identify a patient.
 */
public record RecordAnchor(Bytes32 recordId, Bytes32 patientPseudonym, Bytes32 envelopeHash, Category category,
        String contentType, Optional<Bytes32> supersedes) implements Serializable {

    public RecordAnchor {
        requireNonZero(recordId, "record id");
        requireNonZero(patientPseudonym, "patient pseudonym");
        requireNonZero(envelopeHash, "envelope hash");
        Objects.requireNonNull(category, "record category is missing");
        if (contentType == null || contentType.isBlank()) {
            throw new IllegalArgumentException("record content type must not be empty");
        }
        Objects.requireNonNull(supersedes, "supersedes must be an Optional, empty for an original record");
        supersedes.ifPresent(previous -> requireNonZero(previous, "superseded record id"));
    }

    /** An original record (it corrects none). */
    public static RecordAnchor original(Bytes32 recordId, Bytes32 patientPseudonym, Bytes32 envelopeHash,
            Category category, String contentType) {
        return new RecordAnchor(recordId, patientPseudonym, envelopeHash, category, contentType, Optional.empty());
    }

    static void requireNonZero(Bytes32 value, String what) {
        Objects.requireNonNull(value, what + " is missing");
        if (value.isZero()) {
            throw new IllegalArgumentException(what + " must not be all zero bytes");
        }
    }
}
