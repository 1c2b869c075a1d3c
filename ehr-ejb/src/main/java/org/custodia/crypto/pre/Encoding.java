package org.custodia.crypto.pre;

import java.util.Arrays;

/**
 * Framing shared by the suite's binary encodings: one type tag byte, one version byte, then fixed-size fields.
 */
final class Encoding {

    static final byte VERSION = 1;
    static final int PREFIX = 2;

    static final byte PUBLIC_KEY = 'P';
    static final byte PRIVATE_KEY = 'S';
    static final byte RE_ENCRYPTION_KEY = 'R';
    static final byte CAPSULE = 'C';
    static final byte RE_ENCRYPTED_CAPSULE = 'T';

    private Encoding() {
    }

    static byte[] join(byte tag, byte[]... fields) {
        int length = PREFIX;
        for (byte[] field : fields) {
            length += field.length;
        }
        byte[] out = new byte[length];
        out[0] = tag;
        out[1] = VERSION;
        int offset = PREFIX;
        for (byte[] field : fields) {
            System.arraycopy(field, 0, out, offset, field.length);
            offset += field.length;
        }
        return out;
    }

    /** What is wrong with the framing of {@code encoded}, or null if tag, version and length fit. */
    static String problem(byte[] encoded, byte tag, int length, String what) {
        if (encoded.length != length) {
            return what + " must be " + length + " bytes, got " + encoded.length;
        }
        if (encoded[0] != tag) {
            return what + " has type tag 0x" + Integer.toHexString(encoded[0] & 0xff) + ", expected 0x"
                    + Integer.toHexString(tag);
        }
        if (encoded[1] != VERSION) {
            return what + " has unsupported version " + (encoded[1] & 0xff) + ", expected " + VERSION;
        }
        return null;
    }

    static byte[] field(byte[] encoded, int offset, int length) {
        return Arrays.copyOfRange(encoded, offset, offset + length);
    }
}
