package org.custodia.ledger.adapter.chain;

import java.math.BigInteger;
import java.util.Objects;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Signs 32-byte hashes with one secp256k1 key into recoverable signatures, byte for byte those of web3j's
 * {@code Sign.signMessage(hash, key, false)}: ECDSA with RFC 6979 nonces (HMAC-SHA256) and the canonical low
 * {@code s}, {@code v} = 27 + recovery id. The recovery id comes from the nonce point the signature is made with (the
 * parity of its y, and whether its x reached the curve order), where web3j recovers public keys from the finished
 * signature until one is the signer's: on average one and a half recoveries, each dearer than the signature itself.
 * The nonce point is computed with BouncyCastle's fixed-point comb and the nonce inverted with its constant-time
 * inversion, as BouncyCastle's own ECDSA signer does. Thread-safe.
 */
final class RecoverableSigner {

    private static final BigInteger N = Sign.CURVE_PARAMS.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final ECPoint G = Sign.CURVE_PARAMS.getG();
    private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

    private final BigInteger privateKey;

    RecoverableSigner(ECKeyPair key) {
        this.privateKey = Objects.requireNonNull(key, "the signing key is missing").getPrivateKey();
    }

    /**
     * A legacy transaction signed for chain {@code chainId} (EIP-155) and encoded for {@code eth_sendRawTransaction},
     * as web3j's {@code TransactionEncoder.signMessage(transaction, chainId, credentials)} makes it.
     */
    byte[] signTransaction(RawTransaction transaction, long chainId) {
        Sign.SignatureData signature = sign(Hash.sha3(TransactionEncoder.encode(transaction, chainId)));
        return TransactionEncoder.encode(transaction, TransactionEncoder.createEip155SignatureData(signature, chainId));
    }

    /** The signature of {@code hash} (32 bytes, signed as given). */
    Sign.SignatureData sign(byte[] hash) {
        if (hash == null || hash.length != 32) {
            throw new IllegalArgumentException("a recoverable signature is made over a 32-byte hash");
        }
        BigInteger e = new BigInteger(1, hash);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, privateKey, hash);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint point = BASE_MULTIPLIER.multiply(G, k).normalize();
            BigInteger x = point.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(privateKey.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int recoveryId = (point.getAffineYCoord().testBitZero() ? 1 : 0) | (x.equals(r) ? 0 : 2);
            if (s.compareTo(HALF_N) > 0) {
                // -s signs with the nonce -k, whose point mirrors this one: same x, the other y
                s = N.subtract(s);
                recoveryId ^= 1;
            }
            return new Sign.SignatureData((byte) (27 + recoveryId), Numeric.toBytesPadded(r, 32),
                    Numeric.toBytesPadded(s, 32));
        }
    }
}
