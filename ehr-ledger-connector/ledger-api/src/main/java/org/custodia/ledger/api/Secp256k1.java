package org.custodia.ledger.api;

import java.math.BigInteger;
import java.util.Optional;

/**
 * The secp256k1 arithmetic that recovering a ledger signer needs (SEC 1 v2, section 4.1.6). Here because the JDK
 * no longer offers this curve and this jar depends on no crypto library. Every input is public (message hash,
 * signature), so nothing needs to run in constant time; this class never handles a private key.
 */
final class Secp256k1 {

    /** The field prime 2^256 - 2^32 - 977. */
    static final BigInteger P = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE.shiftLeft(32))
            .subtract(BigInteger.valueOf(977));
    /** The order of the generator. */
    static final BigInteger N = new BigInteger("FFFFFFFF" + "FFFFFFFF" + "FFFFFFFF" + "FFFFFFFE"
            + "BAAEDCE6" + "AF48A03B" + "BFD25E8C" + "D0364141", 16);
    static final BigInteger HALF_N = N.shiftRight(1);
    static final Point G = Point.affine(
            new BigInteger("79BE667E" + "F9DCBBAC" + "55A06295" + "CE870B07"
                    + "029BFCDB" + "2DCE28D9" + "59F2815B" + "16F81798", 16),
            new BigInteger("483ADA77" + "26A3C465" + "5DA4FBFC" + "0E1108A8"
                    + "FD17B448" + "A6855419" + "9C47D08F" + "FB10D4B8", 16));

    private static final BigInteger B = BigInteger.valueOf(7);
    private static final BigInteger SQRT_EXPONENT = P.add(BigInteger.ONE).shiftRight(2);
    /** 2^256 mod p: the high half of a product folds onto the low half multiplied by this. */
    private static final BigInteger FOLD = BigInteger.ONE.shiftLeft(32).add(BigInteger.valueOf(977));
    private static final BigInteger LOW_256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final BigInteger THREE = BigInteger.valueOf(3);
    private static final int WINDOW = 4;
    /** 0·G to 15·G, affine (z = 1), for the windows of the generator's factor. */
    private static final Point[] G_MULTIPLES = affine(multiples(G));

    private Secp256k1() {
    }

    /** A point in Jacobian coordinates (affine x = X/Z^2, y = Y/Z^3); Z = 0 is the point at infinity. */
    record Point(BigInteger x, BigInteger y, BigInteger z) {

        static final Point INFINITY = new Point(BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);

        static Point affine(BigInteger x, BigInteger y) {
            return new Point(x, y, BigInteger.ONE);
        }

        boolean isInfinity() {
            return z.signum() == 0;
        }
    }

    /**
     * The public key that made signature {@code (r, s)} over {@code hash} with recovery id 0 or 1 (the parity of
     * the y coordinate of the signer's nonce point), encoded as 64 bytes {@code x || y}; empty when {@code r} is no
     * x coordinate on the curve or the result is the point at infinity. The caller has checked 0 < r < n and
     * 0 < s < n.
     */
    static Optional<byte[]> recoverPublicKey(byte[] hash, BigInteger r, BigInteger s, int recoveryId) {
        BigInteger alpha = r.pow(3).add(B).mod(P);
        BigInteger y = alpha.modPow(SQRT_EXPONENT, P);
        if (!y.multiply(y).mod(P).equals(alpha)) {
            return Optional.empty();
        }
        if (y.testBit(0) != ((recoveryId & 1) == 1)) {
            y = P.subtract(y);
        }
        BigInteger e = new BigInteger(1, hash).mod(N);
        BigInteger rInverse = r.modInverse(N);
        BigInteger generatorFactor = N.subtract(e).multiply(rInverse).mod(N);
        BigInteger nonceFactor = s.multiply(rInverse).mod(N);
        Point key = linearCombination(generatorFactor, Point.affine(r, y), nonceFactor);
        return key.isInfinity() ? Optional.empty() : Optional.of(encode(key));
    }

    /**
     * {@code u * G + v * point} for scalars below 2^256 (public ones only), with the doublings shared (Shamir's trick)
     * and 4-bit windows: 256 doublings and at most 128 additions, against 512 and 256 for two double-and-add
     * multiplications.
     */
    static Point linearCombination(BigInteger u, Point point, BigInteger v) {
        Point[] pointMultiples = multiples(point);
        Point result = Point.INFINITY;
        for (int window = 256 / WINDOW - 1; window >= 0; window--) {
            for (int i = 0; i < WINDOW; i++) {
                result = twice(result);
            }
            int generatorDigit = digit(u, window);
            int pointDigit = digit(v, window);
            if (generatorDigit != 0) {
                result = add(result, G_MULTIPLES[generatorDigit]);
            }
            if (pointDigit != 0) {
                result = add(result, pointMultiples[pointDigit]);
            }
        }
        return result;
    }

    private static int digit(BigInteger scalar, int window) {
        int digit = 0;
        for (int bit = WINDOW - 1; bit >= 0; bit--) {
            digit = (digit << 1) | (scalar.testBit(window * WINDOW + bit) ? 1 : 0);
        }
        return digit;
    }

    /** 0 to 15 times {@code point}. */
    private static Point[] multiples(Point point) {
        Point[] multiples = new Point[1 << WINDOW];
        multiples[0] = Point.INFINITY;
        multiples[1] = point;
        for (int i = 2; i < multiples.length; i++) {
            multiples[i] = add(multiples[i - 1], point);
        }
        return multiples;
    }

    private static Point[] affine(Point[] points) {
        Point[] affine = points.clone();
        for (int i = 1; i < affine.length; i++) {
            affine[i] = toAffine(points[i]);
        }
        return affine;
    }

    /** The same finite point with z = 1. */
    static Point toAffine(Point point) {
        BigInteger zInverse = point.z().modInverse(P);
        BigInteger zInverseSquared = zInverse.multiply(zInverse).mod(P);
        return Point.affine(point.x().multiply(zInverseSquared).mod(P),
                point.y().multiply(zInverseSquared).multiply(zInverse).mod(P));
    }

    /** The affine coordinates of a finite point, each as 32 big-endian bytes: {@code x || y}. */
    static byte[] encode(Point point) {
        Point affine = toAffine(point);
        byte[] encoded = new byte[64];
        writeUnsigned(affine.x(), encoded, 0);
        writeUnsigned(affine.y(), encoded, 32);
        return encoded;
    }

    /** Doubling for a = 0: S = 4XY^2, M = 3X^2, X' = M^2 - 2S, Y' = M(S - X') - 8Y^4, Z' = 2YZ. */
    static Point twice(Point a) {
        if (a.isInfinity() || a.y().signum() == 0) {
            return Point.INFINITY;
        }
        BigInteger ySquared = reduce(a.y().multiply(a.y()));
        BigInteger s = reduce(a.x().multiply(ySquared).shiftLeft(2));
        BigInteger m = reduce(a.x().multiply(a.x()).multiply(THREE));
        BigInteger x = reduce(m.multiply(m).subtract(s.shiftLeft(1)));
        BigInteger y = reduce(m.multiply(s.subtract(x)).subtract(ySquared.multiply(ySquared).shiftLeft(3)));
        BigInteger z = reduce(a.y().multiply(a.z()).shiftLeft(1));
        return new Point(x, y, z);
    }

    /** Addition in Jacobian coordinates, cheaper when {@code b} is affine (z = 1); doubles for equal points. */
    static Point add(Point a, Point b) {
        if (a.isInfinity()) {
            return b;
        }
        if (b.isInfinity()) {
            return a;
        }
        boolean bAffine = b.z().equals(BigInteger.ONE);
        BigInteger aZSquared = reduce(a.z().multiply(a.z()));
        BigInteger bZSquared = bAffine ? BigInteger.ONE : reduce(b.z().multiply(b.z()));
        BigInteger u1 = bAffine ? a.x() : reduce(a.x().multiply(bZSquared));
        BigInteger u2 = reduce(b.x().multiply(aZSquared));
        BigInteger s1 = bAffine ? a.y() : reduce(a.y().multiply(bZSquared).multiply(b.z()));
        BigInteger s2 = reduce(b.y().multiply(aZSquared).multiply(a.z()));
        if (u1.equals(u2)) {
            return s1.equals(s2) ? twice(a) : Point.INFINITY;
        }
        BigInteger h = reduce(u2.subtract(u1));
        BigInteger r = reduce(s2.subtract(s1));
        BigInteger hSquared = reduce(h.multiply(h));
        BigInteger hCubed = reduce(hSquared.multiply(h));
        BigInteger u1HSquared = reduce(u1.multiply(hSquared));
        BigInteger x = reduce(r.multiply(r).subtract(hCubed).subtract(u1HSquared.shiftLeft(1)));
        BigInteger y = reduce(r.multiply(u1HSquared.subtract(x)).subtract(s1.multiply(hCubed)));
        BigInteger z = reduce(bAffine ? h.multiply(a.z()) : h.multiply(a.z()).multiply(b.z()));
        return new Point(x, y, z);
    }

    /**
     * {@code value mod p} without a division: p = 2^256 - FOLD, so the bits above 256 fold onto the low 256 bits
     * multiplied by FOLD until at most one subtraction of p is left.
     */
    static BigInteger reduce(BigInteger value) {
        if (value.signum() < 0) {
            BigInteger positive = reduce(value.negate());
            return positive.signum() == 0 ? positive : P.subtract(positive);
        }
        BigInteger folded = value;
        while (folded.bitLength() > 256) {
            folded = folded.shiftRight(256).multiply(FOLD).add(folded.and(LOW_256));
        }
        return folded.compareTo(P) >= 0 ? folded.subtract(P) : folded;
    }

    private static void writeUnsigned(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, target, offset + 32 - length, length);
    }
}
