package org.custodia.kernel;

/**
 * A line of text a person types into a field (a name, a record's title): required, stripped, bounded, and free of
 * control characters, unpaired surrogates and U+FFFE and U+FFFF ({@link #required}), or made so ({@link #fitted}).
 * Such text is stored and shown as given on every database and in every answer: PostgreSQL refuses a NUL character in
 * a text column and would fail the whole request at its commit, after the work was done, and XML 1.0 (SOAP's answers)
 * cannot carry most C0 control characters, nor U+FFFE or U+FFFF.
 */
public final class TextField {

    private TextField() {
    }

    /**
     * {@code value} stripped.
     *
     * @param what the field's name as a reader says it ("record title")
     * @throws IllegalArgumentException if it is missing or blank, longer than {@code maxLength} once stripped, or holds
     *                                  a control character (a line break, a tab, NUL), an unpaired surrogate, U+FFFE or
     *                                  U+FFFF
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

    /**
     * {@code text} made one line of at most {@code maxLength} characters, for text this node writes whatever it was
     * given (an audit entry's subject, a title made of a member's name): a control character, an unpaired surrogate,
     * U+FFFE or U+FFFF becomes U+FFFD, and the text is cut at the length, never between the halves of a surrogate pair.
     */
    public static String fitted(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        StringBuilder fitted = new StringBuilder(Math.min(text.length(), maxLength));
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            int kept = isUnfit(codePoint) ? '\uFFFD' : codePoint;
            if (fitted.length() + Character.charCount(kept) > maxLength) {
                break;
            }
            fitted.appendCodePoint(kept);
        }
        return fitted.toString();
    }

    private static boolean isOneLine(String text) {
        return text.codePoints().noneMatch(TextField::isUnfit);
    }

    /** A control character (a line break, a tab, NUL), half of a surrogate pair on its own, U+FFFE or U+FFFF. */
    private static boolean isUnfit(int codePoint) {
        return Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.SURROGATE
                || codePoint == '\uFFFE' || codePoint == '\uFFFF';
    }
}
