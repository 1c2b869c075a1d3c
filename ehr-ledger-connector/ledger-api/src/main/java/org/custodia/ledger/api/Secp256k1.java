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
        Point key = add(multiply(G, generatorFactor), multiply(Point.affine(r, y), nonceFactor));
        return key.isInfinity() ? Optional.empty() : Optional.of(encode(key));
    }

    /** {@code k * point} by double-and-add (public scalars only). */
    static Point multiply(Point point, BigInteger k) {
        Point result = Point.INFINITY;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            result = twice(result);
            if (k.testBit(i)) {
                result = add(result, point);
            }
        }
        return result;
    }

    /** The affine coordinates of a finite point, each as 32 big-endian bytes: {@code x || y}. */
    static byte[] encode(Point point) {
        BigInteger zInverse = point.z().modInverse(P);
        BigInteger zInverseSquared = zInverse.multiply(zInverse).mod(P);
        BigInteger x = point.x().multiply(zInverseSquared).mod(P);
        BigInteger y = point.y().multiply(zInverseSquared).multiply(zInverse).mod(P);
        byte[] encoded = new byte[64];
        writeUnsigned(x, encoded, 0);
        writeUnsigned(y, encoded, 32);
        return encoded;
    }

    /** Doubling for a = 0: S = 4XY^2, M = 3X^2, X' = M^2 - 2S, Y' = M(S - X') - 8Y^4, Z' = 2YZ. */
    static Point twice(Point a) {
        if (a.isInfinity() || a.y().signum() == 0) {
            return Point.INFINITY;
        }
        BigInteger ySquared = a.y().multiply(a.y()).mod(P);
        BigInteger s = a.x().multiply(ySquared).shiftLeft(2).mod(P);
        BigInteger m = a.x().multiply(a.x()).multiply(BigInteger.valueOf(3)).mod(P);
        BigInteger x = m.multiply(m).subtract(s.shiftLeft(1)).mod(P);
        BigInteger y = m.multiply(s.subtract(x)).subtract(ySquared.multiply(ySquared).shiftLeft(3)).mod(P);
        BigInteger z = a.y().multiply(a.z()).shiftLeft(1).mod(P);
        return new Point(x, y, z);
    }

    /** Addition in Jacobian coordinates; falls back to doubling for equal points. */
    static Point add(Point a, Point b) {
        if (a.isInfinity()) {
            return b;
        }
        if (b.isInfinity()) {
            return a;
        }
        BigInteger aZSquared = a.z().multiply(a.z()).mod(P);
        BigInteger bZSquared = b.z().multiply(b.z()).mod(P);
        BigInteger u1 = a.x().multiply(bZSquared).mod(P);
        BigInteger u2 = b.x().multiply(aZSquared).mod(P);
        BigInteger s1 = a.y().multiply(bZSquared).multiply(b.z()).mod(P);
        BigInteger s2 = b.y().multiply(aZSquared).multiply(a.z()).mod(P);
        if (u1.equals(u2)) {
            return s1.equals(s2) ? twice(a) : Point.INFINITY;
        }
        BigInteger h = u2.subtract(u1).mod(P);
        BigInteger r = s2.subtract(s1).mod(P);
        BigInteger hSquared = h.multiply(h).mod(P);
        BigInteger hCubed = hSquared.multiply(h).mod(P);
        BigInteger u1HSquared = u1.multiply(hSquared).mod(P);
        BigInteger x = r.multiply(r).subtract(hCubed).subtract(u1HSquared.shiftLeft(1)).mod(P);
        BigInteger y = r.multiply(u1HSquared.subtract(x)).subtract(s1.multiply(hCubed)).mod(P);
        BigInteger z = h.multiply(a.z()).multiply(b.z()).mod(P);
        return new Point(x, y, z);
    }

    private static void writeUnsigned(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, target, offset + 32 - length, length);
    }
}
