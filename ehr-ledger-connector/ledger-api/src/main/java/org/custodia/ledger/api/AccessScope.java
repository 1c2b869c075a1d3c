package org.custodia.ledger.api;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of a patient's records a grant or access request covers: one record, all records of a category, or all
 * of the patient's records held by the custodian. Build it with {@link #record}, {@link #category} or
 * {@link #allRecords}.
 */
public record AccessScope(Kind kind, Bytes32 patientPseudonym, Optional<Bytes32> recordId,
        Optional<Category> category) implements Serializable {

    /** The scope kinds, with the codes the consent registry stores. */
    public enum Kind {
        RECORD(0),
        CATEGORY(1),
        ALL(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Kind ofCode(int code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no access scope has code " + code
                    + " (RECORD=0, CATEGORY=1, ALL=2)");
        }
    }

    public AccessScope {
        Objects.requireNonNull(kind, "access scope kind is missing");
        RecordAnchor.requireNonZero(patientPseudonym, "patient pseudonym");
        Objects.requireNonNull(recordId, "record id must be an Optional");
        Objects.requireNonNull(category, "category must be an Optional");
        if (recordId.isPresent() != (kind == Kind.RECORD)) {
            throw new IllegalArgumentException("a record id is required for, and only for, a RECORD scope");
        }
        if (category.isPresent() != (kind == Kind.CATEGORY)) {
            throw new IllegalArgumentException("a category is required for, and only for, a CATEGORY scope");
        }
        recordId.ifPresent(id -> RecordAnchor.requireNonZero(id, "record id"));
    }

    public static AccessScope record(Bytes32 patientPseudonym, Bytes32 recordId) {
        return new AccessScope(Kind.RECORD, patientPseudonym, Optional.of(recordId), Optional.empty());
    }

    public static AccessScope category(Bytes32 patientPseudonym, Category category) {
        return new AccessScope(Kind.CATEGORY, patientPseudonym, Optional.empty(), Optional.of(category));
    }

    public static AccessScope allRecords(Bytes32 patientPseudonym) {
        return new AccessScope(Kind.ALL, patientPseudonym, Optional.empty(), Optional.empty());
    }
}
