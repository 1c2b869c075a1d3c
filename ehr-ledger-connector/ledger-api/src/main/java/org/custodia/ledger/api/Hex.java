package org.custodia.ledger.api;

import java.util.HexFormat;

/** Parsing of the {@code 0x}-prefixed hexadecimal text that chain values are written in. */
final class Hex {

    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    static byte[] parse(String text, int length, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (digits.length() != 2 * length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes (" + 2 * length
                    + " hex digits, optional 0x prefix), got " + digits.length() + " digits");
        }
        try {
            return FORMAT.parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " contains a character that is not a hex digit", e);
        }
    }

    static String format(byte[] bytes) {
        return "0x" + FORMAT.formatHex(bytes);
    }
}
