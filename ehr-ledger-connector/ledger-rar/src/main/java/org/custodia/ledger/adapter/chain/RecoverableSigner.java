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
 * {@code s}, {@code v} = 27 + recovery id. The recovery id comes from the nonce point (the parity of its y, and whether
 * its x reached the curve order; flipped when a high {@code s} is replaced by {@code n - s}) instead of from
 * recovering public keys as web3j does. The arithmetic on the key and the nonce is BouncyCastle's own ECDSA signer's
 * (fixed-point comb, constant-time inversion, modular multiplication and addition). Thread-safe.
 */
final class RecoverableSigner {

    private static final BigInteger N = Sign.CURVE_PARAMS.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final ECPoint G = Sign.CURVE_PARAMS.getG();
    private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

    private final BigInteger privateKey;

    /**
     * @throws IllegalArgumentException if the private key is not in [1, n - 1] or the key pair's public key is not
     *                                  the private key's
     */
    RecoverableSigner(ECKeyPair key) {
        BigInteger d = Objects.requireNonNull(key, "the signing key is missing").getPrivateKey();
        if (d == null || d.signum() <= 0 || d.compareTo(N) >= 0) {
            throw new IllegalArgumentException("the signing key is not a secp256k1 private key (1 to n - 1)");
        }
        if (!Sign.publicKeyFromPrivate(d).equals(key.getPublicKey())) {
            throw new IllegalArgumentException("the key pair's public key does not belong to its private key");
        }
        this.privateKey = d;
    }

    /**
     * A legacy transaction signed for chain {@code chainId} (EIP-155) and encoded for {@code eth_sendRawTransaction},
     * as web3j's {@code TransactionEncoder.signMessage(transaction, chainId, credentials)} makes it.
     */
    byte[] signTransaction(RawTransaction transaction, long chainId) {
        if (!transaction.getType().isLegacy()) {
            throw new IllegalArgumentException("only legacy transactions are signed here, not "
                    + transaction.getType());
        }
        Sign.SignatureData signature = sign(Hash.sha3(TransactionEncoder.encode(transaction, chainId)));
        return TransactionEncoder.encode(transaction, TransactionEncoder.createEip155SignatureData(signature, chainId));
    }

    /** The signature of {@code hash} (32 bytes, signed as given). */
    Sign.SignatureData sign(byte[] hash) {
        if (hash == null || hash.length != 32) {
            throw new IllegalArgumentException("a recoverable signature is made over a 32-byte hash");
        }
        BigInteger e = new BigInteger(1, hash).mod(N);
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
            BigInteger s = BigIntegers.modMult(N, BigIntegers.modOddInverse(N, k),
                    BigIntegers.modAdd(N, e, BigIntegers.modMult(N, privateKey, r)));
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
