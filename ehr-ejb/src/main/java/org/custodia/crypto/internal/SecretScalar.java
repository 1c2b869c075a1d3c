package org.custodia.crypto.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

import javax.security.auth.Destroyable;

import org.custodia.kernel.SecretAccess;
import org.custodia.kernel.SecretBytes;
import supranational.blst.Scalar;

/**
 * A secret scalar in [1, q-1], held as 32 big-endian bytes in {@link SecretBytes}. Range checks run in constant
 * time; sampling draws 255-bit candidates from the given {@link SecureRandom} and rejects those out of range (no
 * hashing, no modular reduction bias).
 */
public final class SecretScalar implements Destroyable {

    static final int LENGTH = 32;

    private static final byte[] ORDER =
            HexFormat.of().parseHex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");

    private final SecretBytes bigEndian;

    private SecretScalar(SecretBytes bigEndian) {
        this.bigEndian = bigEndian;
    }

    public static SecretScalar random(SecureRandom random) {
        while (true) {
            byte[] candidate = new byte[LENGTH];
            random.nextBytes(candidate);
            candidate[0] &= 0x7f;
            if (inRange(candidate)) {
                return new SecretScalar(SecretBytes.adopt(candidate));
            }
        }
    }

    /**
     * @param bigEndian 32 bytes; copied
     * @throws InvalidElementException if the length is wrong or the value is 0 or not below q
     */
    public static SecretScalar fromBytes(byte[] bigEndian) throws InvalidElementException {
        if (bigEndian.length != LENGTH) {
            throw new InvalidElementException("scalar must be " + LENGTH + " bytes, got " + bigEndian.length);
        }
        if (!inRange(bigEndian)) {
            throw new InvalidElementException("scalar is not in [1, q-1]");
        }
        return new SecretScalar(SecretBytes.copyOf(bigEndian));
    }

    /** The multiplicative inverse mod q (constant time, by blst). */
    public SecretScalar inverse() {
        return new SecretScalar(SecretBytes.adopt(read(bytes -> blst(bytes).inverse().to_bendian())));
    }

    /** Lends the 32 big-endian bytes to {@code reader} (see {@link SecretBytes#read}). */
    public <R, E extends Exception> R read(SecretBytes.Reader<R, E> reader) throws E {
        return bigEndian.read(SecretAccess.get(), reader);
    }

    static Scalar blst(byte[] bigEndian) {
        return new Scalar().from_bendian(bigEndian);
    }

    @Override
    public void destroy() {
        bigEndian.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return bigEndian.isDestroyed();
    }

    @Override
    public String toString() {
        return "SecretScalar[redacted]";
    }

    /** 0 < value < q, computed without branching on the value. */
    private static boolean inRange(byte[] value) {
        int borrow = 0;
        int any = 0;
        for (int i = LENGTH - 1; i >= 0; i--) {
            int difference = (value[i] & 0xff) - (ORDER[i] & 0xff) - borrow;
            borrow = (difference >>> 31) & 1;
            any |= value[i];
        }
        int nonZero = ((any & 0xff) + 0xff) >>> 8;
        return (borrow & nonZero) == 1;
    }
}
