package org.custodia.crypto.internal;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Predicate;

/** A curve point other than the identity, known by its canonical compressed encoding. */
abstract class CompressedPoint {

    private final byte[] compressed;

    CompressedPoint(byte[] compressed) {
        this.compressed = compressed;
    }

    public final byte[] encode() {
        return compressed.clone();
    }

    /**
     * The decoding rules both groups share: exact length, a valid compressed encoding of a curve point, not the
     * identity, in the order-q subgroup (blst's decoder does not check that), and canonical.
     */
    static <T> T decode(String group, int length, byte[] encoded, Function<byte[], T> parse,
            Predicate<T> isIdentity, Predicate<T> inGroup, Function<T, byte[]> compress)
            throws InvalidElementException {
        if (encoded.length != length) {
            throw new InvalidElementException(group + " point must be " + length + " bytes, got " + encoded.length);
        }
        T point;
        try {
            point = parse.apply(encoded);
        } catch (RuntimeException e) {
            throw new InvalidElementException(group + " point is not a valid compressed encoding of a curve point");
        }
        if (isIdentity.test(point)) {
            throw new InvalidElementException(group + " point is the identity");
        }
        if (!inGroup.test(point)) {
            throw new InvalidElementException(group + " point is not in the order-q subgroup");
        }
        if (!Arrays.equals(compress.apply(point), encoded)) {
            throw new InvalidElementException(group + " point encoding is not canonical");
        }
        return point;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && Arrays.equals(compressed, ((CompressedPoint) other).compressed);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(compressed);
    }
}
