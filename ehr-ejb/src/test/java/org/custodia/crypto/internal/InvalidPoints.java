package org.custodia.crypto.internal;

import java.math.BigInteger;

import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/** Compressed encodings of points that decoding must reject, found by search over small x coordinates. */
public final class InvalidPoints {

    /** The base field modulus p. */
    public static final BigInteger P = new BigInteger("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf"
            + "6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", 16);

    private static final int COMPRESSED = 0x80;
    private static final int INFINITY = 0x40;
    private static final int SIGN = 0x20;

    private InvalidPoints() {
    }

    public static byte[] g1Identity() {
        return identity(G1Element.LENGTH);
    }

    public static byte[] g2Identity() {
        return identity(G2Element.LENGTH);
    }

    /** x = p (not a canonical field element), with the compression flag. */
    public static byte[] g1NonCanonical() {
        byte[] encoded = fieldBytes(P, G1Element.LENGTH);
        encoded[0] |= (byte) COMPRESSED;
        return encoded;
    }

    public static byte[] g1OffCurve() {
        return search(G1Element.LENGTH, false, true);
    }

    public static byte[] g1OutsideSubgroup() {
        return search(G1Element.LENGTH, true, true);
    }

    /**
     * (0, 2) or (0, -2), compressed: on the curve y^2 = x^3 + 4 and of order 3 (the tangent at a point with x = 0
     * meets the curve there three times), so outside the order-q subgroup. blst refuses these two while
     * decompressing; {@code largerY} sets the sign flag, which selects -2 (p - 2 is the larger root).
     */
    public static byte[] g1OrderThree(boolean largerY) {
        byte[] encoded = new byte[G1Element.LENGTH];
        encoded[0] = (byte) (largerY ? COMPRESSED | SIGN : COMPRESSED);
        return encoded;
    }

    public static byte[] g2OffCurve() {
        return search(G2Element.LENGTH, false, false);
    }

    public static byte[] g2OutsideSubgroup() {
        return search(G2Element.LENGTH, true, false);
    }

    private static byte[] identity(int length) {
        byte[] encoded = new byte[length];
        encoded[0] = (byte) (COMPRESSED | INFINITY);
        return encoded;
    }

    /** The first small x whose compressed encoding is off the curve, or on it but outside the subgroup. */
    private static byte[] search(int length, boolean onCurve, boolean g1) {
        for (int x = 1; x < 1000; x++) {
            byte[] encoded = fieldBytes(BigInteger.valueOf(x), length);
            encoded[0] |= (byte) COMPRESSED;
            Boolean inGroup;
            try {
                inGroup = g1 ? new P1_Affine(encoded).in_group() : new P2_Affine(encoded).in_group();
            } catch (RuntimeException e) {
                inGroup = null;
            }
            if (onCurve ? Boolean.FALSE.equals(inGroup) : inGroup == null) {
                return encoded;
            }
        }
        throw new IllegalStateException("no candidate below x = 1000");
    }

    private static byte[] fieldBytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }
}
