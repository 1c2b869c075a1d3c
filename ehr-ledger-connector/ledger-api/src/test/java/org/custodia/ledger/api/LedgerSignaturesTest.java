package org.custodia.ledger.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The connection-free verifier: known answers for Keccak-256 and for the accounts of anvil's development keys, and
 * signatures made here with a fixed nonce (the connector's own signatures are checked against it in ledger-rar).
 */
class LedgerSignaturesTest {

    private static final HexFormat HEX = HexFormat.of();
    /** anvil's development account 0 (a published test key). */
    private static final BigInteger DEV_KEY_0 =
            new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16);
    private static final LedgerAddress DEV_ACCOUNT_0 =
            LedgerAddress.fromHex("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    private static final BigInteger DEV_KEY_1 =
            new BigInteger("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 16);
    private static final LedgerAddress DEV_ACCOUNT_1 =
            LedgerAddress.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    private static final BigInteger NONCE =
            new BigInteger("1d6d9bdf6fb1c7b4c9a0b4fa22ef6e4ed1e0a3b6c2d3e4f5061728394a5b6c7d", 16);
    private static final byte[] MESSAGE =
            "GET /custodia/node-api/v1/records/42/metadata".getBytes(StandardCharsets.US_ASCII);

    @Test
    void keccak256IsEthereumsKeccakNotSha3() {
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
                HEX.formatHex(Keccak256.hash(new byte[0])));
        assertEquals("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
                HEX.formatHex(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void theMessageHashCoversThePrefixTheLengthAndTheMessage() {
        byte[] prefixed = ("\u0019Ethereum Signed Message:\n" + MESSAGE.length
                + new String(MESSAGE, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(Keccak256.hash(prefixed), LedgerSignatures.messageHash(MESSAGE));
        assertFalse(Arrays.equals(LedgerSignatures.messageHash(MESSAGE), Keccak256.hash(MESSAGE)));
    }

    @Test
    void publicKeysGiveTheKnownAccountsOfTheDevelopmentKeys() {
        assertEquals(DEV_ACCOUNT_0, LedgerSignatures.addressOf(publicKey(DEV_KEY_0)));
        assertEquals(DEV_ACCOUNT_1, LedgerSignatures.addressOf(publicKey(DEV_KEY_1)));
        BigInteger gx = new BigInteger(1, Arrays.copyOfRange(Secp256k1.encode(Secp256k1.G), 0, 32));
        BigInteger gy = new BigInteger(1, Arrays.copyOfRange(Secp256k1.encode(Secp256k1.G), 32, 64));
        assertEquals(gx.pow(3).add(BigInteger.valueOf(7)).mod(Secp256k1.P), gy.pow(2).mod(Secp256k1.P));
        assertTrue(multiply(Secp256k1.G, Secp256k1.N).isInfinity(), "n is the order of G");
    }

    @Test
    void aSignatureRecoversItsSignerAndAnotherMessageRecoversAnotherAccount() throws Exception {
        byte[] signature = sign(MESSAGE, DEV_KEY_0, NONCE);
        assertEquals(DEV_ACCOUNT_0, LedgerSignatures.recoverSigner(MESSAGE, signature));
        assertTrue(LedgerSignatures.isSignedBy(MESSAGE, signature, DEV_ACCOUNT_0));
        assertFalse(LedgerSignatures.isSignedBy(MESSAGE, signature, DEV_ACCOUNT_1));

        byte[] tampered = MESSAGE.clone();
        tampered[tampered.length - 1] ^= 1;
        assertNotEquals(DEV_ACCOUNT_0, LedgerSignatures.recoverSigner(tampered, signature));
        assertFalse(LedgerSignatures.isSignedBy(tampered, signature, DEV_ACCOUNT_0));

        byte[] otherKey = sign(MESSAGE, DEV_KEY_1, NONCE.add(BigInteger.ONE));
        assertEquals(DEV_ACCOUNT_1, LedgerSignatures.recoverSigner(MESSAGE, otherKey));
        assertEquals(DEV_ACCOUNT_0, LedgerSignatures.recoverSigner(new byte[0], sign(new byte[0], DEV_KEY_0, NONCE)));
    }

    /** The windowed recovery against the plain double-and-add of this test, on random keys, nonces and messages. */
    @Test
    void recoveryAgreesWithPlainDoubleAndAddOnRandomSignatures() throws Exception {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 16; i++) {
            BigInteger key = new BigInteger(256, random).mod(Secp256k1.N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
            BigInteger nonce = new BigInteger(256, random).mod(Secp256k1.N.subtract(BigInteger.ONE))
                    .add(BigInteger.ONE);
            byte[] message = new byte[random.nextInt(200)];
            random.nextBytes(message);
            assertEquals(LedgerSignatures.addressOf(publicKey(key)),
                    LedgerSignatures.recoverSigner(message, sign(message, key, nonce)));
        }
    }

    @Test
    void theLinearCombinationMatchesDoubleAndAddAtTheEdgesOfTheScalars() {
        Secp256k1.Point point = multiply(Secp256k1.G, BigInteger.valueOf(0xC0FFEE));
        BigInteger[] scalars = {BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(15), BigInteger.valueOf(16),
                Secp256k1.HALF_N, Secp256k1.N.subtract(BigInteger.ONE)};
        for (BigInteger u : scalars) {
            for (BigInteger v : scalars) {
                Secp256k1.Point expected = Secp256k1.add(multiply(Secp256k1.G, u), multiply(point, v));
                Secp256k1.Point actual = Secp256k1.linearCombination(u, point, v);
                assertEquals(expected.isInfinity(), actual.isInfinity(), u + ", " + v);
                if (!expected.isInfinity()) {
                    assertArrayEquals(Secp256k1.encode(expected), Secp256k1.encode(actual), u + ", " + v);
                }
            }
        }
    }

    @Test
    void reductionModuloPIsTheRemainderForProductsAndDifferences() {
        SecureRandom random = new SecureRandom();
        BigInteger almostP = Secp256k1.P.subtract(BigInteger.ONE);
        for (BigInteger value : new BigInteger[] {BigInteger.ZERO, Secp256k1.P, almostP.multiply(almostP),
                almostP.negate(), BigInteger.ONE.shiftLeft(256), Secp256k1.P.multiply(BigInteger.valueOf(8))}) {
            assertEquals(value.mod(Secp256k1.P), Secp256k1.reduce(value), value.toString(16));
        }
        for (int i = 0; i < 1000; i++) {
            BigInteger a = new BigInteger(256, random).mod(Secp256k1.P);
            BigInteger b = new BigInteger(256, random).mod(Secp256k1.P);
            BigInteger product = a.multiply(b).multiply(BigInteger.valueOf(random.nextInt(9)));
            assertEquals(product.mod(Secp256k1.P), Secp256k1.reduce(product));
            assertEquals(a.subtract(product).mod(Secp256k1.P), Secp256k1.reduce(a.subtract(product)));
        }
    }

    @Test
    void malformedSignaturesAreRefusedWithTheReason() {
        byte[] signature = sign(MESSAGE, DEV_KEY_0, NONCE);
        assertRefused("65 bytes", Arrays.copyOf(signature, 64));
        assertRefused("65 bytes", null);
        for (int v : new int[] {0, 1, 29, 30}) {
            byte[] wrongV = signature.clone();
            wrongV[64] = (byte) v;
            assertRefused("27 or 28", wrongV);
        }
        assertRefused("r of", withR(signature, BigInteger.ZERO));
        assertRefused("r of", withR(signature, Secp256k1.N));
        byte[] zeroS = signature.clone();
        Arrays.fill(zeroS, 32, 64, (byte) 0);
        assertRefused("s of", zeroS);

        // the same signature with s negated (and v flipped) is valid ECDSA, but not canonical
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        byte[] highS = signature.clone();
        System.arraycopy(unsigned32(Secp256k1.N.subtract(s)), 0, highS, 32, 32);
        highS[64] = (byte) (signature[64] == 27 ? 28 : 27);
        assertRefused("canonical", highS);
        assertFalse(LedgerSignatures.isSignedBy(MESSAGE, highS, DEV_ACCOUNT_0));
    }

    @Test
    void anRThatIsNoCurvePointIsRefused() {
        BigInteger r = BigInteger.ONE;
        while (isCurveX(r)) {
            r = r.add(BigInteger.ONE);
        }
        assertRefused("curve point", withR(sign(MESSAGE, DEV_KEY_0, NONCE), r));
    }

    private static void assertRefused(String reason, byte[] signature) {
        InvalidSignatureException refused = assertThrows(InvalidSignatureException.class,
                () -> LedgerSignatures.recoverSigner(MESSAGE, signature));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    /** Euler's criterion: x^3 + 7 is a square modulo p. */
    private static boolean isCurveX(BigInteger x) {
        BigInteger alpha = x.pow(3).add(BigInteger.valueOf(7)).mod(Secp256k1.P);
        return alpha.modPow(Secp256k1.P.subtract(BigInteger.ONE).shiftRight(1), Secp256k1.P).equals(BigInteger.ONE);
    }

    /** {@code k * point} by plain double-and-add: the reference the windowed recovery is checked against. */
    private static Secp256k1.Point multiply(Secp256k1.Point point, BigInteger k) {
        Secp256k1.Point result = Secp256k1.Point.INFINITY;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            result = Secp256k1.twice(result);
            if (k.testBit(i)) {
                result = Secp256k1.add(result, point);
            }
        }
        return result;
    }

    private static byte[] publicKey(BigInteger privateKey) {
        return Secp256k1.encode(multiply(Secp256k1.G, privateKey));
    }

    /** ECDSA as the connector signs (canonical s, v = 27 + parity of the nonce point's y), with a fixed nonce. */
    private static byte[] sign(byte[] message, BigInteger privateKey, BigInteger nonce) {
        BigInteger e = new BigInteger(1, LedgerSignatures.messageHash(message));
        byte[] noncePoint = Secp256k1.encode(multiply(Secp256k1.G, nonce));
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(noncePoint, 0, 32)).mod(Secp256k1.N);
        int recoveryId = noncePoint[63] & 1;
        BigInteger s = nonce.modInverse(Secp256k1.N).multiply(e.add(r.multiply(privateKey))).mod(Secp256k1.N);
        if (s.compareTo(Secp256k1.HALF_N) > 0) {
            s = Secp256k1.N.subtract(s);
            recoveryId ^= 1;
        }
        byte[] signature = new byte[LedgerSignatures.SIGNATURE_LENGTH];
        System.arraycopy(unsigned32(r), 0, signature, 0, 32);
        System.arraycopy(unsigned32(s), 0, signature, 32, 32);
        signature[64] = (byte) (27 + recoveryId);
        return signature;
    }

    private static byte[] withR(byte[] signature, BigInteger r) {
        byte[] changed = signature.clone();
        System.arraycopy(unsigned32(r), 0, changed, 0, 32);
        return changed;
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] padded = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, padded, 32 - length, length);
        return padded;
    }
}
