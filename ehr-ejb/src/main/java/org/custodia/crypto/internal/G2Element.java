package org.custodia.crypto.internal;

import supranational.blst.P2;
import supranational.blst.P2_Affine;

/** An element of G2 other than the identity, encoded compressed (96 bytes, the ZCash/IETF BLS12-381 format). */
public final class G2Element extends CompressedPoint {

    public static final int LENGTH = 96;

    private static final G2Element GENERATOR = new G2Element(P2_Affine.generator());

    private static final class GeneratorComb {
        static final FixedBaseComb<P2, P2_Affine> COMB = new FixedBaseComb<>(FixedBaseComb.G2, GENERATOR.point);
    }

    private final P2_Affine point;

    private G2Element(P2_Affine point) {
        super(point.compress());
        this.point = point;
    }

    public static G2Element generator() {
        return GENERATOR;
    }

    /** g^k for the generator g, from a precomputed comb ({@link FixedBaseComb}): constant time. */
    public static G2Element generatorPow(SecretScalar k) {
        return new G2Element(k.read(GeneratorComb.COMB::multiply));
    }

    /** @throws InvalidElementException naming the failed check (see {@link CompressedPoint#decode}) */
    public static G2Element decode(byte[] encoded) throws InvalidElementException {
        return new G2Element(decode("G2", LENGTH, encoded, P2_Affine::new, P2_Affine::is_inf,
                P2_Affine::in_group, P2_Affine::compress));
    }

    /** this^k (written multiplicatively, as in the scheme), in constant time by blst. */
    public G2Element multiply(SecretScalar k) {
        return new G2Element(k.read(bytes -> point.to_jacobian().mult(SecretScalar.blst(bytes)).to_affine()));
    }

    P2_Affine point() {
        return point;
    }
}
