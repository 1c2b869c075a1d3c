package org.custodia.crypto.internal;

import java.math.BigInteger;

/** Scalars as the tests write them: the group order q, and any value as the 32 big-endian bytes blst reads. */
final class TestScalars {

    static final BigInteger Q =
            new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

    private TestScalars() {
    }

    /** The low 256 bits of {@code value}, big-endian. */
    static byte[] toBytes32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(32, raw.length);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }
}
