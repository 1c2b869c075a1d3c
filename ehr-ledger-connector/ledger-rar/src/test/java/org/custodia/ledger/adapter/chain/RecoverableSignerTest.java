package org.custodia.ledger.adapter.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/** The signer against web3j's own signing, which finds the recovery id by recovering public keys. */
class RecoverableSignerTest {

    private static final BigInteger N = Sign.CURVE_PARAMS.getN();

    @Test
    void signaturesAreWeb3jsByteForByteAcrossKeysHashesAndBothRecoveryIds() {
        Random random = new Random(2026);
        int[] recoveryIds = new int[2];
        for (int i = 0; i < 400; i++) {
            ECKeyPair key = ECKeyPair.create(randomScalar(random));
            byte[] hash = new byte[32];
            random.nextBytes(hash);

            Sign.SignatureData expected = Sign.signMessage(hash, key, false);
            Sign.SignatureData actual = new RecoverableSigner(key).sign(hash);

            assertArrayEquals(expected.getR(), actual.getR(), "r, signature " + i);
            assertArrayEquals(expected.getS(), actual.getS(), "s, signature " + i);
            assertArrayEquals(expected.getV(), actual.getV(), "v, signature " + i);
            recoveryIds[actual.getV()[0] - 27]++;
        }
        // both recovery ids occur, so a wrong parity or a missing flip for a high s would have differed from web3j
        assertTrue(recoveryIds[0] > 150 && recoveryIds[1] > 150, recoveryIds[0] + " / " + recoveryIds[1]);
    }

    @Test
    void hashesWithEdgeValuesSignAsWeb3jDoes() {
        ECKeyPair key = ECKeyPair.create(N.subtract(BigInteger.ONE));
        byte[] zero = new byte[32];
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        for (byte[] hash : new byte[][] {zero, ones, Numeric.toBytesPadded(N, 32),
                Numeric.toBytesPadded(N.subtract(BigInteger.ONE), 32)}) {
            Sign.SignatureData expected = Sign.signMessage(hash, key, false);
            Sign.SignatureData actual = new RecoverableSigner(key).sign(hash);
            assertArrayEquals(expected.getR(), actual.getR());
            assertArrayEquals(expected.getS(), actual.getS());
            assertArrayEquals(expected.getV(), actual.getV());
        }
    }

    @Test
    void transactionsAreSignedAsWeb3jSignsThemForAChain() {
        Random random = new Random(155);
        for (int i = 0; i < 50; i++) {
            Credentials account = Credentials.create(ECKeyPair.create(randomScalar(random)));
            byte[] data = new byte[4 + 32 * random.nextInt(12)];
            random.nextBytes(data);
            RawTransaction transaction = RawTransaction.createTransaction(BigInteger.valueOf(random.nextInt(100_000)),
                    BigInteger.ZERO, BigInteger.valueOf(30_000 + random.nextInt(2_000_000)),
                    "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512", Numeric.toHexString(data));
            long chainId = i % 2 == 0 ? 31337 : 1337;

            assertArrayEquals(TransactionEncoder.signMessage(transaction, chainId, account),
                    new RecoverableSigner(account.getEcKeyPair()).signTransaction(transaction, chainId),
                    "transaction " + i);
        }
    }

    @Test
    void aKeyOutsideTheGroupOrAPairThatDoesNotMatchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RecoverableSigner(ECKeyPair.create(BigInteger.ZERO)));
        assertThrows(IllegalArgumentException.class, () -> new RecoverableSigner(ECKeyPair.create(N)));
        ECKeyPair mismatched = new ECKeyPair(BigInteger.TWO, Sign.publicKeyFromPrivate(BigInteger.valueOf(3)));
        assertThrows(IllegalArgumentException.class, () -> new RecoverableSigner(mismatched));
    }

    @Test
    void onlyLegacyTransactionsAreSigned() {
        RawTransaction typed = RawTransaction.createTransaction(31337, BigInteger.ONE, BigInteger.valueOf(30_000),
                "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512", BigInteger.ZERO, "0x", BigInteger.ONE, BigInteger.ONE);
        RecoverableSigner signer = new RecoverableSigner(ECKeyPair.create(BigInteger.TEN));
        assertThrows(IllegalArgumentException.class, () -> signer.signTransaction(typed, 31337));
    }

    @Test
    void onlyA32ByteHashIsSigned() {
        RecoverableSigner signer = new RecoverableSigner(ECKeyPair.create(BigInteger.TEN));
        assertThrows(IllegalArgumentException.class, () -> signer.sign(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> signer.sign(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> signer.sign(null));
        assertEquals(32, signer.sign(new byte[32]).getR().length);
    }

    private static BigInteger randomScalar(Random random) {
        BigInteger scalar;
        do {
            scalar = new BigInteger(256, random);
        } while (scalar.signum() == 0 || scalar.compareTo(N) >= 0);
        return scalar;
    }
}
