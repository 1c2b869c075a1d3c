package org.custodia.ledger.adapter.chain;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.custodia.ledger.api.InvalidSignatureException;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerSignatures;
import org.web3j.crypto.Sign;

/**
 * Recovers the account that signed a message in the format of {@link LedgerSignatures} (SEC 1 v2, section 4.1.6),
 * with BouncyCastle's secp256k1, whose field arithmetic and use of the curve's endomorphism make it several times
 * faster than ledger-api's portable arithmetic: the same checks (ledger-api's), the same answers and refusals. A node
 * recovers one signer for every signed call it receives. Every input is public, so nothing needs constant time.
 */
final class SignatureRecovery {

    private static final BigInteger N = Sign.CURVE_PARAMS.getN();

    private SignatureRecovery() {
    }

    /** As {@link LedgerSignatures#recoverSigner}. */
    static LedgerAddress signerOf(byte[] message, byte[] signature) throws InvalidSignatureException {
        Objects.requireNonNull(message, "the signed message is missing");
        LedgerSignatures.Components parts = LedgerSignatures.components(signature);
        ECPoint nonce;
        try {
            nonce = Sign.CURVE_PARAMS.getCurve().decodePoint(compressed(parts));
        } catch (IllegalArgumentException notOnTheCurve) {
            throw LedgerSignatures.noCurvePoint();
        }
        BigInteger e = new BigInteger(1, LedgerSignatures.messageHash(message)).mod(N);
        BigInteger rInverse = parts.r().modInverse(N);
        ECPoint key = ECAlgorithms.sumOfTwoMultiplies(Sign.CURVE_PARAMS.getG(),
                N.subtract(e).multiply(rInverse).mod(N), nonce, parts.s().multiply(rInverse).mod(N)).normalize();
        if (key.isInfinity()) {
            throw LedgerSignatures.noCurvePoint();
        }
        return LedgerSignatures.addressOf(Arrays.copyOfRange(key.getEncoded(false), 1, 65));
    }

    /** The nonce point with x = r and y of the recovery id's parity, SEC 1 compressed. */
    private static byte[] compressed(LedgerSignatures.Components parts) {
        byte[] encoded = new byte[33];
        encoded[0] = (byte) (parts.recoveryId() == 0 ? 0x02 : 0x03);
        System.arraycopy(BigIntegers.asUnsignedByteArray(32, parts.r()), 0, encoded, 1, 32);
        return encoded;
    }
}
