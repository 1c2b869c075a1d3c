package org.custodia.web.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.custodia.kernel.Given;

/**
 * Reads the fields of the sharing endpoints' JSON bodies and the patient ids of REST paths and SOAP messages. A
 * field the services take as {@link Given} is refused there, once the caller's roles allow the action, so that the
 * refusal is audited; a missing or malformed field is a 400 naming it.
 */
public final class ConsentInput {

    private ConsentInput() {
    }

    /** The body, or one with every field left out when there is none, for the service to name what is missing. */
    static <T> T body(T body, Supplier<T> empty) {
        return body != null ? body : empty.get();
    }

    /**
     * The path template's pattern of a consent entry's id (a request, a grant, an emergency access): ASCII digits,
     * with a sign, as the chain's numbers are written. Without it JAX-RS read {@code /grants/٥} (a digit of another
     * script) as grant 5; a path that does not match is not found (404), as one that is no number was before.
     */
    static final String ENTRY_ID = "-?[0-9]{1,19}";

    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * A patient id (a UUID) given as text, in its canonical form (8-4-4-4-12 hexadecimal digits).
     *
     * @throws IllegalArgumentException if there is none or it is no UUID
     */
    public static UUID patientId(String text) {
        if (text == null) {
            throw new IllegalArgumentException("patientId is required");
        }
        String id = text.strip();
        // UUID.fromString also reads "1-1-1-1-1", as another id than the one written
        if (!CANONICAL_UUID.matcher(id).matches()) {
            throw new IllegalArgumentException("patientId must be a patient id (a UUID)");
        }
        return UUID.fromString(id);
    }

    /** A patient id given as text, for a service to read. */
    public static Given<UUID> givenPatientId(String text) {
        return Given.read(() -> patientId(text));
    }

    /**
     * A JSON number that must be a whole number, for a service to read: {@code null} when left out; one with a
     * fraction, or beyond an {@code int}, refused. Read into an {@code Integer}, JSON-B would have cut the fraction
     * off {@code 2.9} and wrapped {@code 4294967298} to 2, both valid codes.
     */
    static Given<Integer> givenWholeNumber(BigDecimal number, String field) {
        return Given.read(() -> {
            if (number == null) {
                return null;
            }
            BigDecimal whole = number.stripTrailingZeros();
            // the digits before the point are counted first: intValueExact would expand 1e999999999
            if (whole.scale() > 0 || whole.precision() - whole.scale() > 10) {
                throw outOfRange(field);
            }
            try {
                return whole.intValueExact();
            } catch (ArithmeticException e) {
                throw outOfRange(field);
            }
        });
    }

    private static IllegalArgumentException outOfRange(String field) {
        return new IllegalArgumentException(field + " must be a whole number from " + Integer.MIN_VALUE + " to "
                + Integer.MAX_VALUE);
    }

    /** An ISO-8601 instant given as text, for a service to read. */
    static Given<Instant> givenInstant(String text, String field) {
        return Given.read(() -> {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException(field
                        + " is required (an ISO-8601 instant such as 2027-01-31T12:00:00Z)");
            }
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field
                        + " must be an ISO-8601 instant such as 2027-01-31T12:00:00Z");
            }
        });
    }
}
