package org.custodia.patients;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.custodia.kernel.SecretAccess;
import org.custodia.kernel.SecretBytes;

/**
 * A patient's identifying data (PHI): stays on the node, sealed at rest, never logged (its {@code toString} is
 * redacted) and never sent to the chain.
 */
public record Demographics(String familyName, String givenName, LocalDate birthDate, String nationalId) {

    private static final int FORMAT = 1;
    /**
     * No one living was born earlier; a year before it is a typing mistake (0195 for 1995). Checked where a patient
     * is registered ({@link PatientRegistration}), not here: a patient an earlier version registered with such a date
     * must still open.
     */
    public static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1850, 1, 1);

    public Demographics {
        familyName = required(familyName, "family name", 200);
        givenName = required(givenName, "given name", 200);
        if (birthDate == null) {
            throw new IllegalArgumentException("a birth date is required");
        }
        requireNotInFuture(birthDate);
        nationalId = required(nationalId, "national id", 64);
    }

    /** Refuses a birth date after tomorrow (a day's leeway for a clock zone ahead of the node's). */
    static void requireNotInFuture(LocalDate birthDate) {
        if (birthDate.isAfter(LocalDate.now().plusDays(1))) {
            throw new IllegalArgumentException("the birth date must not be in the future");
        }
    }

    private static String required(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a " + what + " is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new IllegalArgumentException("the " + what + " is longer than " + maxLength + " characters");
        }
        return trimmed;
    }

    /** The serialised form to seal: version, then the four fields. */
    SecretBytes toSecretBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(familyName);
            out.writeUTF(givenName);
            out.writeUTF(birthDate.toString());
            out.writeUTF(nationalId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SecretBytes.adopt(bytes.toByteArray());
    }

    static Demographics fromSecretBytes(SecretBytes sealed) {
        return sealed.read(SecretAccess.get(), bytes -> {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                int format = in.readUnsignedByte();
                if (format != FORMAT) {
                    throw new IllegalStateException("sealed demographics format " + format + " is not supported");
                }
                return new Demographics(in.readUTF(), in.readUTF(), LocalDate.parse(in.readUTF()), in.readUTF());
            } catch (IOException | DateTimeParseException e) {
                throw new IllegalStateException("sealed demographics are malformed", e);
            }
        });
    }

    @Override
    public String toString() {
        return "Demographics[redacted]";
    }
}
