package org.custodia.ledger.api;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * What a custodian hospital anchors for a record: its id, the patient pseudonym, the SHA-256 of the encrypted
 * envelope, its category and content type, and the record it corrects, if any. No field may identify a patient.
 *
 * <p>The content type is a bare media type such as {@code application/pdf}: lowercase {@code type/subtype}, each an
 * RFC 6838 restricted name (a letter or digit, then letters, digits or {@code !#$&-^_.+}), at most
 * {@value #MAX_CONTENT_TYPE} characters. Parameters such as {@code charset} or {@code name} stay on the node; the
 * record registry refuses them ({@code NotBareMediaType}), and so does this type, before anything is sent.
 */
public record RecordAnchor(Bytes32 recordId, Bytes32 patientPseudonym, Bytes32 envelopeHash, Category category,
        String contentType, Optional<Bytes32> supersedes) implements Serializable {

    /** Longest content type, in characters (ASCII), as the record registry allows. */
    public static final int MAX_CONTENT_TYPE = 128;

    public RecordAnchor {
        requireNonZero(recordId, "record id");
        requireNonZero(patientPseudonym, "patient pseudonym");
        requireNonZero(envelopeHash, "envelope hash");
        Objects.requireNonNull(category, "record category is missing");
        requireBareMediaType(contentType);
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

    /** The record registry's rule, with the same positions; the value is not echoed (it may carry a file name). */
    private static void requireBareMediaType(String contentType) {
        if (contentType == null || contentType.isEmpty()) {
            throw new IllegalArgumentException("record content type must not be empty");
        }
        if (contentType.length() > MAX_CONTENT_TYPE) {
            throw new IllegalArgumentException("record content type is " + contentType.length()
                    + " characters long; at most " + MAX_CONTENT_TYPE + " are allowed");
        }
        int nameStart = 0;
        boolean slashSeen = false;
        for (int i = 0; i < contentType.length(); i++) {
            char c = contentType.charAt(i);
            if (c == '/' && !slashSeen && i > 0) {
                slashSeen = true;
                nameStart = i + 1;
            } else if (i == nameStart ? !isLowerAlphanumeric(c) : !isRestrictedNameChar(c)) {
                throw notBare("character " + (i + 1) + " is not allowed there");
            }
        }
        if (!slashSeen || nameStart == contentType.length()) {
            throw notBare("it ends before a complete type/subtype");
        }
    }

    private static IllegalArgumentException notBare(String why) {
        return new IllegalArgumentException("record content type must be a bare media type such as application/pdf "
                + "(lowercase type/subtype, no parameters, spaces or upper case); " + why
                + ". Keep parameters such as charset or name on the node and anchor only the type/subtype");
    }

    private static boolean isLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isRestrictedNameChar(char c) {
        return isLowerAlphanumeric(c) || "!#$&-^_.+".indexOf(c) >= 0;
    }
}
