package org.custodia.staff;

import java.util.regex.Pattern;

import org.custodia.kernel.Given;

/**
 * A staff account's username: 3 to 64 lowercase letters, digits, dots, hyphens or underscores. Read by a channel as a
 * {@link Given}, so that text of another shape (a password typed into the field) is neither audited nor quoted.
 */
public record Username(String value) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9._-]{3,64}");

    public Username {
        value = value == null ? "" : value.strip();
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a username is 3 to 64 lowercase letters, digits, dots, hyphens or "
                    + "underscores");
        }
    }

    /** Whether {@code text} is, as it is, of a username's shape: no other text names an account. */
    public static boolean isShaped(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** The username a channel was sent, or why it is none (as an audit subject: {@code (unreadable)}). */
    public static Given<Username> given(String text) {
        return Given.read(() -> new Username(text));
    }

    @Override
    public String toString() {
        return value;
    }
}
