package org.custodia.web.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Reads the fields of the sharing endpoints' JSON bodies (and the SOAP messages' patient ids); a missing or malformed
 * field is a 400, naming it.
 */
public final class ConsentInput {

    private ConsentInput() {
    }

    static <T> T body(T body, String fields) {
        if (body == null) {
            throw new IllegalArgumentException("a JSON body with " + fields + " is required");
        }
        return body;
    }

    /** A patient id (a UUID) given as text. */
    public static UUID patientId(String text) {
        if (text == null) {
            throw new IllegalArgumentException("patientId is required");
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("patientId must be a patient id (a UUID)");
        }
    }

    static Instant instant(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field
                    + " is required (an ISO-8601 instant such as 2027-01-31T12:00:00Z)");
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant such as 2027-01-31T12:00:00Z");
        }
    }
}
