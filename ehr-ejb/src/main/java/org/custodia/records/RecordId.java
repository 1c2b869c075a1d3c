package org.custodia.records;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;

import org.custodia.kernel.Given;

/**
 * A record's id as staff and clients name it: 64 hex digits, kept in lower case (a leading {@code 0x} and upper case
 * are read too). As an audit subject it is these digits, never other text sent in its place.
 */
public record RecordId(String hex) implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /**
     * @throws IllegalArgumentException unless {@code hex} is 64 lower-case hex digits
     */
    public RecordId {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a record id is 64 hex digits");
        }
    }

    /**
     * The id in {@code text}.
     *
     * @throws IllegalArgumentException if it is none; the message does not repeat the text
     */
    public static RecordId parse(String text) {
        String digits = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return new RecordId(digits.startsWith("0x") ? digits.substring(2) : digits);
    }

    /** The id a channel read from {@code text}, for an audited service to take (see {@link Given}). */
    public static Given<RecordId> given(String text) {
        return Given.read(() -> parse(text));
    }

    @Override
    public String toString() {
        return hex;
    }
}
