package org.custodia.crypto.internal;

import supranational.blst.PT;

/**
 * Access to the value inside a jblst {@link PT}: jblst stores an Fp12 element as the 72 limbs (12 field elements of
 * six little-endian 64-bit words, Montgomery form) of blst's {@code blst_fp12}, and only exposes them to subclasses.
 * GT decoding and constant-time table selection need them; nothing else does.
 */
final class Fp12Limbs extends PT {

    static final int LIMBS = 72;

    private Fp12Limbs(long[] limbs) {
        super(limbs);
    }

    /** The live limb array of {@code element} (not a copy). */
    static long[] of(PT element) {
        return getCPtr(element);
    }

    /** A {@link PT} that operates in place on {@code limbs}. */
    static PT wrap(long[] limbs) {
        return new Fp12Limbs(limbs);
    }
}
