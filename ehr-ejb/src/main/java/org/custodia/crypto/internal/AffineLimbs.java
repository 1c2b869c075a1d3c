package org.custodia.crypto.internal;

import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * Access to the coordinates inside jblst's affine points, which jblst only exposes to subclasses: blst's
 * {@code blst_p1_affine} is x, y in Fp (12 limbs), {@code blst_p2_affine} x, y in Fp2 (24 limbs), all in Montgomery
 * form; all zeros is the point at infinity. The fixed-base comb needs them to select a table entry in constant time;
 * nothing else does.
 */
final class AffineLimbs {

    static final int G1_LIMBS = 12;
    static final int G2_LIMBS = 24;

    private AffineLimbs() {
    }

    static long[] of(P1_Affine point) {
        return G1.limbsOf(point);
    }

    static long[] of(P2_Affine point) {
        return G2.limbsOf(point);
    }

    /** A point that reads {@code limbs} in place. */
    static P1_Affine g1(long[] limbs) {
        return new G1(limbs);
    }

    /** A point that reads {@code limbs} in place. */
    static P2_Affine g2(long[] limbs) {
        return new G2(limbs);
    }

    private static final class G1 extends P1_Affine {
        G1(long[] limbs) {
            super(limbs);
        }

        static long[] limbsOf(P1_Affine point) {
            return P1_Affine.getCPtr(point);
        }
    }

    private static final class G2 extends P2_Affine {
        G2(long[] limbs) {
            super(limbs);
        }

        static long[] limbsOf(P2_Affine point) {
            return P2_Affine.getCPtr(point);
        }
    }
}
