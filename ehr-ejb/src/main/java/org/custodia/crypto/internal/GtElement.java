package org.custodia.crypto.internal;

import java.util.Arrays;

import supranational.blst.PT;

/**
 * An element of the target group GT other than the identity, encoded as {@link GtEncoding} describes (576 bytes).
 */
public final class GtElement {

    public static final int LENGTH = GtEncoding.LENGTH;

    private static final class Generator {
        static final GtElement Z = pair(G1Element.generator(), G2Element.generator());
        static final GtExponentiation POWERS = new GtExponentiation(Z.limbs);
    }

    private final long[] limbs;

    private GtElement(long[] limbs) {
        this.limbs = limbs;
    }

    /**
     * The pairing e(p, q) as blst computes it: the optimal ate Miller loop, then a final exponentiation to the power
     * 3 (p^12 - 1)/q, so the cube of the textbook reduced pairing (see the module README).
     */
    public static GtElement pair(G1Element p, G2Element q) {
        return new GtElement(Fp12Limbs.of(new PT(p.point(), q.point()).final_exp()));
    }

    /** Z^k for Z = e(g1, g2), from precomputed tables. */
    public static GtElement generatorPow(SecretScalar k) {
        return new GtElement(k.read(Generator.POWERS::pow));
    }

    /**
     * Decodes and validates: canonical coordinates, membership in the order-q subgroup (blst's
     * {@code blst_fp12_in_group}: the element is cyclotomic and its Frobenius image equals its power by the curve
     * parameter z = -0xd201000000010000, a characterisation of GT for BLS12 curves by M. Scott, 2021), and not the
     * identity.
     *
     * @throws InvalidElementException naming the failed check
     */
    public static GtElement decode(byte[] encoded) throws InvalidElementException {
        long[] limbs = GtEncoding.decodeFp12(encoded);
        PT element = Fp12Limbs.wrap(limbs);
        if (element.is_one()) {
            throw new InvalidElementException("GT element is the identity");
        }
        if (!element.in_group()) {
            throw new InvalidElementException("GT element is not in the order-q subgroup");
        }
        return new GtElement(limbs);
    }

    /** Whether e(p1, q1) == e(p2, q2), with two Miller loops and one final exponentiation. */
    public static boolean pairingsEqual(G1Element p1, G2Element q1, G1Element p2, G2Element q2) {
        return PT.finalverify(new PT(p1.point(), q1.point()), new PT(p2.point(), q2.point()));
    }

    /**
     * this^k without branching on, or indexing tables by, the bits of k. Only k is secret: this element is handled
     * as public data (its Frobenius images are computed in variable time).
     */
    public GtElement pow(SecretScalar k) {
        return new GtElement(k.read(exponent -> GtExponentiation.pow(limbs, exponent)));
    }

    public byte[] encode() {
        return GtEncoding.encode(limbs);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GtElement that && Fp12Limbs.wrap(limbs).is_equal(Fp12Limbs.wrap(that.limbs));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
