package org.custodia.nodeapi;

import java.util.Base64;

/** The pieces of structured-field syntax (RFC 8941) that the node-to-node fields use, read strictly. */
final class FieldSyntax {

    private FieldSyntax() {
    }

    /**
     * {@code value} without the spaces and tabs around it, after checking that it is present and at most
     * {@code maxLength} characters long.
     */
    static String trimmed(String field, String value, int maxLength) throws MalformedFieldException {
        if (value == null) {
            throw new MalformedFieldException(field + " is missing");
        }
        if (value.length() > maxLength) {
            throw new MalformedFieldException(field + " is longer than " + maxLength
                    + " characters, which no value of the node-to-node profile needs");
        }
        int start = 0;
        int end = value.length();
        while (start < end && isSpaceOrTab(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpaceOrTab(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    /** The bytes of a byte sequence's content (between the colons): canonical base64 with padding only. */
    static byte[] decodeByteSequence(String field, String base64) throws MalformedFieldException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new MalformedFieldException(field + " holds a byte sequence that is not base64 (RFC 8941 3.3.5)");
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(base64)) {
            throw new MalformedFieldException(field + " holds a byte sequence that is not canonical padded base64");
        }
        return bytes;
    }

    /** The serialization of a byte sequence: {@code :<base64>:}. */
    static String byteSequence(byte[] bytes) {
        return ":" + Base64.getEncoder().encodeToString(bytes) + ":";
    }

    private static boolean isSpaceOrTab(char c) {
        return c == ' ' || c == '\t';
    }
}
