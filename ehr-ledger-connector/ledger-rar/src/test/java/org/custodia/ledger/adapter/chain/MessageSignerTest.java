package org.custodia.ledger.adapter.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerSignatures;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** The connector's signatures against the API's connection-free verifier and against web3j's own recovery. */
class MessageSignerTest {

    /** anvil's development account 0 (a published test key). */
    private static final Credentials DEV_ACCOUNT =
            Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    private static final BigInteger HALF_CURVE_ORDER =
            new BigInteger("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", 16);

    private final MessageSigner signer = new MessageSigner(new RecoverableSigner(DEV_ACCOUNT.getEcKeyPair()));

    @Test
    void theVerifierHashesExactlyAsWeb3jForMessagesAcrossKeccakBlockBoundaries() {
        Random random = new Random(7);
        for (int length : new int[] {0, 1, 31, 32, 135, 136, 137, 200, 271, 272, 273, 1000, 10_000}) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            assertArrayEquals(Sign.getEthereumMessageHash(message), LedgerSignatures.messageHash(message),
                    "message of " + length + " bytes");
        }
    }

    @Test
    void signaturesRecoverTheAccountWithTheApiAndWithWeb3j() throws Exception {
        LedgerAddress account = LedgerAddress.fromHex(DEV_ACCOUNT.getAddress());
        Random random = new Random(11);
        for (int length : new int[] {0, 5, 136, 700}) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            byte[] signature = signer.sign(message);

            assertEquals(LedgerSignatures.SIGNATURE_LENGTH, signature.length);
            assertTrue(signature[64] == 27 || signature[64] == 28, "v = " + signature[64]);
            assertTrue(new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)).compareTo(HALF_CURVE_ORDER) <= 0,
                    "canonical s");
            assertEquals(account, LedgerSignatures.recoverSigner(message, signature));
            Sign.SignatureData parts = new Sign.SignatureData(signature[64], Arrays.copyOfRange(signature, 0, 32),
                    Arrays.copyOfRange(signature, 32, 64));
            assertEquals(account, LedgerAddress.fromHex(Keys.getAddress(Sign.signedPrefixedMessageToKey(message,
                    parts))));
            assertArrayEquals(signature, signer.sign(message), "deterministic (RFC 6979)");
        }
    }

    @Test
    void aTamperedMessageRecoversAnotherAccount() throws Exception {
        byte[] message = "POST /custodia/node-api/v1/records/7/re-encryption".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = signer.sign(message);
        byte[] tampered = message.clone();
        tampered[0] ^= 0x20;
        assertNotEquals(LedgerAddress.fromHex(DEV_ACCOUNT.getAddress()),
                LedgerSignatures.recoverSigner(tampered, signature));
    }
}
