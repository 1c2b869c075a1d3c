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
     * identity, in the order-q subgroup (blst's decoder checks that only for the two G1 points with x = 0), and
     * canonical. When blst's decoder refuses the bytes, the message keeps blst's reason (see
     * {@link #decoderRefusal}).
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
            throw new InvalidElementException(group + " point " + decoderRefusal(e.getMessage()));
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

    /**
     * What blst's decoder refused, in this module's words, followed by blst's own reason. jblst reports a
     * {@code BLST_ERROR} as a {@link RuntimeException} whose message is the error's text:
     * <ul>
     * <li>"bad point encoding": the compression flag is clear, the infinity flag is set with other bits, or x is
     * not below p;</li>
     * <li>"point is not on curve": x^3 + b has no square root;</li>
     * <li>"point is not in group": G1 only, x = 0. The points (0, 2) and (0, -2) lie on the curve and have order
     * 3, so blst refuses them while decompressing; every other point outside the subgroup decodes and fails the
     * subgroup check after it.</li>
     * </ul>
     */
    static String decoderRefusal(String blstMessage) {
        String reason = blstMessage == null ? "no reason given" : blstMessage.replaceFirst("^BLST_ERROR: ", "");
        String problem;
        if (reason.contains("not in group")) {
            problem = "is not in the order-q subgroup";
        } else if (reason.contains("not on curve")) {
            problem = "is not on the curve";
        } else if (reason.contains("bad point encoding")) {
            problem = "is not a valid compressed encoding";
        } else {
            problem = "was refused by the decoder";
        }
        return problem + " (blst: " + reason + ")";
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
