package org.custodia.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Percent-decoding (RFC 3986, section 2.1) of text whose bytes are UTF-8. */
public final class PercentDecoding {

    private PercentDecoding() {
    }

    /**
     * The text {@code encoded} encodes, read strictly: each {@code %} starts an escape of two hex digits, every other
     * character is printable ASCII, and the bytes are UTF-8.
     *
     * @throws IllegalArgumentException otherwise; its message does not quote the text
     */
    public static String strictly(String encoded) {
        byte[] bytes = bytes(encoded, true);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the escapes are not UTF-8");
        }
    }

    /**
     * The text {@code encoded} encodes, where a {@code %} that starts no escape stands for itself, as any other
     * character does.
     */
    public static String leniently(String encoded) {
        return new String(bytes(encoded, false), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String encoded, boolean strict) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length() && HexFormat.isHexDigit(encoded.charAt(i + 1))
                    && HexFormat.isHexDigit(encoded.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 2;
            } else if (strict && (c == '%' || c < 0x20 || c >= 0x7F)) {
                throw new IllegalArgumentException(c == '%' ? "a % starts no escape" : "a character is not printable "
                        + "ASCII");
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }
}
