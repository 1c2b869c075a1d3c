package org.custodia.crypto.internal;

import supranational.blst.P1;
import supranational.blst.P1_Affine;

/** An element of G1 other than the identity, encoded compressed (48 bytes, the ZCash/IETF BLS12-381 format). */
public final class G1Element extends CompressedPoint {

    public static final int LENGTH = 48;

    private static final G1Element GENERATOR = new G1Element(P1_Affine.generator());

    private static final class GeneratorComb {
        static final FixedBaseComb<P1, P1_Affine> COMB = new FixedBaseComb<>(FixedBaseComb.G1, GENERATOR.point);
    }

    private final P1_Affine point;

    private G1Element(P1_Affine point) {
        super(point.compress());
        this.point = point;
    }

    public static G1Element generator() {
        return GENERATOR;
    }

    /** g^k for the generator g, from a precomputed comb ({@link FixedBaseComb}): constant time. */
    public static G1Element generatorPow(SecretScalar k) {
        return new G1Element(k.read(GeneratorComb.COMB::multiply));
    }

    /** @throws InvalidElementException naming the failed check (see {@link CompressedPoint#decode}) */
    public static G1Element decode(byte[] encoded) throws InvalidElementException {
        return new G1Element(decode("G1", LENGTH, encoded, P1_Affine::new, P1_Affine::is_inf,
                P1_Affine::in_group, P1_Affine::compress));
    }

    /** this^k (written multiplicatively, as in the scheme), in constant time by blst. */
    public G1Element multiply(SecretScalar k) {
        return new G1Element(k.read(bytes -> point.to_jacobian().mult(SecretScalar.blst(bytes)).to_affine()));
    }

    P1_Affine point() {
        return point;
    }
}
