package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerSignatures;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * This node signs through the connector's account and key and recovers signers through the connector; what cannot be
 * a signature is refused as malformed, without a connection. (The recovery itself is the connector's, tested there
 * against ledger-api's; the stub here answers with ledger-api's.)
 */
class ConnectorSignaturesTest {

    private static final String ACCOUNT = "0x5b38da6a701c568545dcfcb03fcb875f56beddc4";
    private static final byte[] MESSAGE = "\"@method\": GET".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theConnectorsAccountSigns() {
        byte[] signature = new byte[LedgerSigning.SIGNATURE_LENGTH];
        signature[64] = 28;
        LedgerAddress account = LedgerAddress.fromHex("0x" + ACCOUNT.substring(2).toUpperCase(Locale.ROOT));
        StubLedger ledger = new StubLedger()
                .answering("account", arguments -> account)
                .answering("sign", arguments -> Arrays.equals((byte[]) arguments[0], MESSAGE) ? signature : null);
        ConnectorSignatures signatures = new ConnectorSignatures(ledger);

        assertEquals(ACCOUNT, signatures.address(), "0x and 40 lowercase hex digits");
        assertArrayEquals(signature, signatures.sign(MESSAGE));
        assertEquals(0, ledger.openConnections(), "every connection went back to the pool");
    }

    @Test
    void withoutAConnectionThereIsNoSignatureAndNoSigner() {
        ConnectorSignatures signatures = new ConnectorSignatures(new StubLedger()
                .refusingConnections(new LedgerUnavailableException("the pool is exhausted", null)));

        DependencyUnavailableException failure = assertThrows(DependencyUnavailableException.class,
                () -> signatures.sign(MESSAGE));
        assertTrue(failure.getMessage().contains("java:app/eis/ledger"), failure.getMessage());
        DependencyUnavailableException noSigner = assertThrows(DependencyUnavailableException.class,
                () -> signatures.recover(MESSAGE, wellFormedSignature()));
        assertTrue(noSigner.getMessage().contains("java:app/eis/ledger"), noSigner.getMessage());
    }

    @Test
    void bytesThatCannotBeASignatureAreMalformedEvenWithoutAConnection() {
        ConnectorSignatures signatures = new ConnectorSignatures(new StubLedger()
                .refusingConnections(new LedgerUnavailableException("the pool is exhausted", null)));
        byte[] wrongRecoveryByte = new byte[LedgerSigning.SIGNATURE_LENGTH];
        wrongRecoveryByte[64] = 1;

        MalformedSignatureException tooShort = assertThrows(MalformedSignatureException.class,
                () -> signatures.recover(MESSAGE, new byte[64]));
        assertTrue(tooShort.getMessage().contains("65 bytes"), tooShort.getMessage());
        assertThrows(MalformedSignatureException.class, () -> signatures.recover(MESSAGE, wrongRecoveryByte));
    }

    @Test
    void aSignatureFromWhichTheConnectorRecoversNoKeyIsMalformed() {
        byte[] wellFormed = wellFormedSignature();
        StubLedger ledger = new StubLedger().answering("recoverSigner", arguments -> {
            throw LedgerSignatures.noCurvePoint();
        });

        MalformedSignatureException refused = assertThrows(MalformedSignatureException.class,
                () -> new ConnectorSignatures(ledger).recover(MESSAGE, wellFormed));
        assertTrue(refused.getMessage().contains("curve point"), refused.getMessage());
        assertEquals(0, ledger.openConnections(), "every connection went back to the pool");
    }

    @Test
    void theConnectorRecoversTheSigner() throws Exception {
        LedgerAddress signer = LedgerAddress.fromHex(ACCOUNT);
        byte[] signature = wellFormedSignature();
        StubLedger ledger = new StubLedger().answering("recoverSigner",
                arguments -> Arrays.equals((byte[]) arguments[0], MESSAGE)
                        && Arrays.equals((byte[]) arguments[1], signature) ? signer : null);

        assertEquals(ACCOUNT, new ConnectorSignatures(ledger).recover(MESSAGE, signature));
        assertEquals(0, ledger.openConnections(), "every connection went back to the pool");
    }

    /** r = 1, s = 1, v = 27: in range, so only a recovery can tell what it is worth. */
    private static byte[] wellFormedSignature() {
        byte[] signature = new byte[LedgerSigning.SIGNATURE_LENGTH];
        signature[31] = 1;
        signature[63] = 1;
        signature[64] = 27;
        return signature;
    }
}
