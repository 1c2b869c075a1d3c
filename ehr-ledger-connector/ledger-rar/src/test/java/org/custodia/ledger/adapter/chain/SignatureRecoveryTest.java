package org.custodia.ledger.adapter.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.custodia.ledger.api.InvalidSignatureException;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerSignatures;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * The connector's signer recovery against ledger-api's portable one: the same account for every signature, the same
 * (meaningless) account for a signature over another message or for random numbers in range, the same refusals.
 */
class SignatureRecoveryTest {

    private static final BigInteger N = Sign.CURVE_PARAMS.getN();

    private final Random random = new Random(20261205);

    @Test
    void signaturesOfRandomKeysRecoverTheirAccountsAsTheApiDoes() throws Exception {
        for (int i = 0; i < 200; i++) {
            ECKeyPair key = ECKeyPair.create(new BigInteger(256, random).mod(N.subtract(BigInteger.ONE))
                    .add(BigInteger.ONE));
            LedgerAddress account = LedgerAddress.fromHex("0x" + Keys.getAddress(key));
            byte[] message = randomBytes(random.nextInt(300));
            byte[] signature = new MessageSigner(new RecoverableSigner(key)).sign(message);

            assertEquals(account, SignatureRecovery.signerOf(message, signature), "key " + i);
            assertEquals(account, LedgerSignatures.recoverSigner(message, signature), "key " + i);

            byte[] other = Arrays.copyOf(message, message.length + 1);
            assertEquals(LedgerSignatures.recoverSigner(other, signature), SignatureRecovery.signerOf(other, signature),
                    "a signature over another message recovers the same other account with both");
        }
    }

    @Test
    void numbersInRangeThatNoKeySignedGiveTheSameAnswerOrTheSameRefusal() throws Exception {
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            byte[] signature = new byte[LedgerSignatures.SIGNATURE_LENGTH];
            put(signature, 0, new BigInteger(256, random).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE));
            put(signature, 32, new BigInteger(255, random).mod(N.shiftRight(1)).add(BigInteger.ONE));
            signature[64] = (byte) (27 + random.nextInt(2));
            byte[] message = randomBytes(40);

            String portable = answer(() -> LedgerSignatures.recoverSigner(message, signature));
            String connector = answer(() -> SignatureRecovery.signerOf(message, signature));

            assertEquals(portable, connector, "signature " + i);
            refused += portable.startsWith("refused") ? 1 : 0;
        }
        assertTrue(refused > 100 && refused < 300, "about half of the r values are no x coordinate: " + refused);
    }

    @Test
    void aSignatureWhoseKeyWouldBeThePointAtInfinityIsRefusedByBoth() throws Exception {
        byte[] message = randomBytes(20);
        BigInteger e = new BigInteger(1, LedgerSignatures.messageHash(message)).mod(N);
        BigInteger s = BigInteger.valueOf(12345);
        ECPoint nonce = Sign.CURVE_PARAMS.getG().multiply(e.multiply(s.modInverse(N)).mod(N)).normalize();
        BigInteger r = nonce.getAffineXCoord().toBigInteger();
        assertTrue(r.compareTo(N) < 0, "the nonce point's x is a valid r");
        byte[] signature = new byte[LedgerSignatures.SIGNATURE_LENGTH];
        put(signature, 0, r);
        put(signature, 32, s);
        signature[64] = (byte) (nonce.getAffineYCoord().toBigInteger().testBit(0) ? 28 : 27);

        // the key would be r^-1 (s R - e G) = r^-1 (e G - e G)
        InvalidSignatureException expected = assertThrows(InvalidSignatureException.class,
                () -> LedgerSignatures.recoverSigner(message, signature));
        InvalidSignatureException refused = assertThrows(InvalidSignatureException.class,
                () -> SignatureRecovery.signerOf(message, signature));
        assertEquals(LedgerSignatures.noCurvePoint().getMessage(), expected.getMessage());
        assertEquals(expected.getMessage(), refused.getMessage());
    }

    @Test
    void malformedSignaturesAreRefusedWithTheApisReasons() {
        byte[] valid = new MessageSigner(new RecoverableSigner(ECKeyPair.create(BigInteger.TWO))).sign(new byte[3]);
        byte[][] malformed = {
            null,
            new byte[64],
            Arrays.copyOf(valid, 66),
            withByte(valid, 64, 29),
            withByte(valid, 64, 1),
            withNumber(valid, 0, BigInteger.ZERO),
            withNumber(valid, 0, N),
            withNumber(valid, 32, BigInteger.ZERO),
            withNumber(valid, 32, N.shiftRight(1).add(BigInteger.ONE)),
        };
        for (byte[] signature : malformed) {
            InvalidSignatureException expected = assertThrows(InvalidSignatureException.class,
                    () -> LedgerSignatures.recoverSigner(new byte[3], signature));
            InvalidSignatureException refused = assertThrows(InvalidSignatureException.class,
                    () -> SignatureRecovery.signerOf(new byte[3], signature));
            assertEquals(expected.getMessage(), refused.getMessage());
        }
        assertThrows(NullPointerException.class, () -> SignatureRecovery.signerOf(null, valid));
    }

    @FunctionalInterface
    private interface Recovery {
        LedgerAddress recover() throws InvalidSignatureException;
    }

    private static String answer(Recovery recovery) {
        try {
            return recovery.recover().toString();
        } catch (InvalidSignatureException e) {
            return "refused: " + e.getMessage();
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void put(byte[] signature, int offset, BigInteger value) {
        System.arraycopy(BigIntegers.asUnsignedByteArray(32, value), 0, signature, offset, 32);
    }

    private static byte[] withByte(byte[] signature, int index, int value) {
        byte[] changed = signature.clone();
        changed[index] = (byte) value;
        return changed;
    }

    private static byte[] withNumber(byte[] signature, int offset, BigInteger value) {
        byte[] changed = signature.clone();
        put(changed, offset, value);
        return changed;
    }
}
