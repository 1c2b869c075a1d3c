package org.custodia.crypto.internal;

import java.util.Arrays;
import supranational.blst.P1;
import supranational.blst.P1_Affine;

/** An element of G1 other than the identity, encoded compressed (48 bytes, the ZCash/IETF BLS12-381 format). */
public final class G1Element {

    public static final int LENGTH = 48;

    private static final G1Element GENERATOR = new G1Element(P1_Affine.generator());

    private final P1_Affine point;
    private final byte[] compressed;

    private G1Element(P1_Affine point) {
        this.point = point;
        this.compressed = point.compress();
    }

    public static G1Element generator() {
        return GENERATOR;
    }

    /**
     * @throws InvalidElementException if the bytes are not a canonical compressed point on the curve, in the
     *         order-q subgroup and other than the identity
     */
    public static G1Element decode(byte[] encoded) throws InvalidElementException {
        if (encoded.length != LENGTH) {
            throw new InvalidElementException("G1 point must be " + LENGTH + " bytes, got " + encoded.length);
        }
        P1_Affine point;
        try {
            point = new P1_Affine(encoded);
        } catch (RuntimeException e) {
            throw new InvalidElementException("G1 point is not a valid compressed encoding of a curve point");
        }
        if (point.is_inf()) {
            throw new InvalidElementException("G1 point is the identity");
        }
        if (!point.in_group()) {
            throw new InvalidElementException("G1 point is not in the order-q subgroup");
        }
        if (!Arrays.equals(point.compress(), encoded)) {
            throw new InvalidElementException("G1 point encoding is not canonical");
        }
        return new G1Element(point);
    }

    /** this^k (written multiplicatively, as in the scheme), in constant time by blst. */
    public G1Element multiply(SecretScalar k) {
        return new G1Element(point.to_jacobian().mult(k.blst()).to_affine());
    }

    public byte[] encode() {
        return compressed.clone();
    }

    P1_Affine point() {
        return point;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof G1Element that && Arrays.equals(compressed, that.compressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressed);
    }
}
