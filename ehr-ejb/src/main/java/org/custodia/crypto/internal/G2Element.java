package org.custodia.crypto.internal;

import java.util.Arrays;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/** An element of G2 other than the identity, encoded compressed (96 bytes, the ZCash/IETF BLS12-381 format). */
public final class G2Element {

    public static final int LENGTH = 96;

    private static final G2Element GENERATOR = new G2Element(P2_Affine.generator());

    private final P2_Affine point;
    private final byte[] compressed;

    private G2Element(P2_Affine point) {
        this.point = point;
        this.compressed = point.compress();
    }

    public static G2Element generator() {
        return GENERATOR;
    }

    /**
     * @throws InvalidElementException if the bytes are not a canonical compressed point on the curve, in the
     *         order-q subgroup and other than the identity
     */
    public static G2Element decode(byte[] encoded) throws InvalidElementException {
        if (encoded.length != LENGTH) {
            throw new InvalidElementException("G2 point must be " + LENGTH + " bytes, got " + encoded.length);
        }
        P2_Affine point;
        try {
            point = new P2_Affine(encoded);
        } catch (RuntimeException e) {
            throw new InvalidElementException("G2 point is not a valid compressed encoding of a curve point");
        }
        if (point.is_inf()) {
            throw new InvalidElementException("G2 point is the identity");
        }
        if (!point.in_group()) {
            throw new InvalidElementException("G2 point is not in the order-q subgroup");
        }
        if (!Arrays.equals(point.compress(), encoded)) {
            throw new InvalidElementException("G2 point encoding is not canonical");
        }
        return new G2Element(point);
    }

    /** this^k (written multiplicatively, as in the scheme), in constant time by blst. */
    public G2Element multiply(SecretScalar k) {
        return new G2Element(point.to_jacobian().mult(k.blst()).to_affine());
    }

    public byte[] encode() {
        return compressed.clone();
    }

    P2_Affine point() {
        return point;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof G2Element that && Arrays.equals(compressed, that.compressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressed);
    }
}
