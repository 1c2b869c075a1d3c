package org.custodia.kernel;

/**
 * A line of text a person types into a field (a name, a record's title): required, stripped, bounded, and free of
 * control characters and unpaired surrogates. Such text is stored and shown as given on every database: PostgreSQL
 * refuses a NUL character in a text column and would fail the whole request at its commit, after the work was done.
 */
public final class TextField {

    private TextField() {
    }

    /**
     * {@code value} stripped.
     *
     * @param what the field's name as a reader says it ("record title")
     * @throws IllegalArgumentException if it is missing or blank, longer than {@code maxLength} once stripped, or holds
     *                                  a control character (a line break, a tab, NUL) or an unpaired surrogate
     */
    public static String required(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a " + what + " is required");
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            throw new IllegalArgumentException("the " + what + " is longer than " + maxLength + " characters");
        }
        if (!isOneLine(stripped)) {
            throw new IllegalArgumentException("the " + what + " must be one line of text, without control characters");
        }
        return stripped;
    }

    private static boolean isOneLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
