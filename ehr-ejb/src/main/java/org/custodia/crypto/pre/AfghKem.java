package org.custodia.crypto.pre;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

import com.google.crypto.tink.subtle.Hkdf;
import org.custodia.crypto.Capsule;
import org.custodia.crypto.CryptoException;
import org.custodia.crypto.DataKey;
import org.custodia.crypto.Encapsulation;
import org.custodia.crypto.InvalidCapsuleException;
import org.custodia.crypto.InvalidKeyMaterialException;
import org.custodia.crypto.KeyFingerprint;
import org.custodia.crypto.KeyMismatchException;
import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.PrePublicKey;
import org.custodia.crypto.ProxyReEncryptionKem;
import org.custodia.crypto.ReEncryptedCapsule;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.crypto.internal.G1Element;
import org.custodia.crypto.internal.G2Element;
import org.custodia.crypto.internal.GtElement;
import org.custodia.crypto.internal.SecretScalar;
import org.custodia.kernel.SecretBytes;

/**
 * Suite {@code CUSTODIA-PRE-BLS12381-V1}: the AFGH (Ateniese, Fu, Green, Hohenberger 2006) second-level scheme as
 * a KEM on BLS12-381, with g1, g2 the generators and Z = e(g1, g2).
 *
 * <ul>
 * <li>key pair: a, (A1 = g1^a, A2 = g2^a)</li>
 * <li>encapsulate: C = A1^r, S = Z^r</li>
 * <li>owner decapsulates: S = e(C^(1/a), g2)</li>
 * <li>re-encryption key A to B: rk = B2^(1/a)</li>
 * <li>re-encapsulate: T = e(C, rk) = Z^(b r); delegatee decapsulates: S = T^(1/b)</li>
 * <li>data key: HKDF-SHA256(ikm = encoding of S, salt = C || A1, info = suite || "dem"), 32 bytes</li>
 * </ul>
 */
public final class AfghKem implements ProxyReEncryptionKem {

    public static final String SUITE = "CUSTODIA-PRE-BLS12381-V1";

    private static final byte[] KDF_INFO = (SUITE + "dem").getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random;
    private final ValidatedPublicKeys publicKeys;

    /** @param random source of private keys and encapsulation exponents; fixed seeds only in tests */
    public AfghKem(SecureRandom random) {
        this(random, ValidatedPublicKeys.DEFAULT_CAPACITY);
    }

    AfghKem(SecureRandom random, int keptPublicKeys) {
        this.random = Objects.requireNonNull(random, "random");
        this.publicKeys = new ValidatedPublicKeys(keptPublicKeys);
    }

    @Override
    public String suite() {
        return SUITE;
    }

    @Override
    public PreKeyPair generateKeyPair() {
        AfghPrivateKey privateKey = AfghPrivateKey.generate(random);
        return new PreKeyPair(privateKey.publicKey(), privateKey);
    }

    @Override
    public Encapsulation encapsulate(PrePublicKey owner) throws InvalidKeyMaterialException {
        AfghPublicKey key = AfghPublicKey.of(owner);
        SecretScalar r = SecretScalar.random(random);
        try {
            G1Element c = key.a1().multiply(r);
            return new Encapsulation(new AfghCapsule(key.fingerprint(), c),
                    deriveDataKey(GtElement.generatorPow(r), c, key.a1()));
        } finally {
            r.destroy();
        }
    }

    @Override
    public DataKey decapsulate(PrePrivateKey owner, Capsule capsule) throws CryptoException {
        AfghPrivateKey key = AfghPrivateKey.of(owner);
        AfghCapsule own = AfghCapsule.of(capsule);
        requireSame(own.owner(), key.publicKey().fingerprint(), "capsule");
        // e(C^(1/a), g2) = e(g1^r, g2) = Z^r: a G1 multiplication, not a G2 one, for a key decoded for this use
        return deriveDataKey(GtElement.pair(own.c().multiply(key.inverse()), G2Element.generator()), own.c(),
                key.publicKey().a1());
    }

    @Override
    public ReEncryptionKey reEncryptionKey(PrePrivateKey delegator, PrePublicKey delegatee)
            throws InvalidKeyMaterialException {
        AfghPrivateKey from = AfghPrivateKey.of(delegator);
        AfghPublicKey to = AfghPublicKey.of(delegatee);
        return new AfghReEncryptionKey(from.publicKey(), to.fingerprint(), to.a2().multiply(from.inverse()));
    }

    @Override
    public ReEncryptedCapsule reEncapsulate(ReEncryptionKey key, Capsule capsule) throws CryptoException {
        AfghReEncryptionKey rk = AfghReEncryptionKey.of(key);
        AfghCapsule own = AfghCapsule.of(capsule);
        if (!own.owner().equals(rk.delegator())) {
            throw new KeyMismatchException("capsule is for " + own.owner() + " but the re-encryption key is from "
                    + rk.delegator());
        }
        return new AfghReEncryptedCapsule(own, rk.delegatee(), rk.delegatorKey(), GtElement.pair(own.c(), rk.rk()));
    }

    @Override
    public DataKey decapsulate(PrePrivateKey delegatee, ReEncryptedCapsule capsule) throws CryptoException {
        AfghPrivateKey key = AfghPrivateKey.of(delegatee);
        AfghReEncryptedCapsule own = AfghReEncryptedCapsule.of(capsule);
        requireSame(own.delegatee(), key.publicKey().fingerprint(), "re-encrypted capsule");
        return deriveDataKey(own.t().pow(key.inverse()), own.original().c(), own.ownerKey().a1());
    }

    /** Validated once per encoding while it is among the most recently used keys ({@link ValidatedPublicKeys}). */
    @Override
    public PrePublicKey publicKey(byte[] encoded) throws InvalidKeyMaterialException {
        return publicKeys.decode(encoded);
    }

    @Override
    public PrePrivateKey privateKey(SecretBytes encoded) throws InvalidKeyMaterialException {
        return AfghPrivateKey.decode(encoded);
    }

    @Override
    public PrePrivateKey privateKey(SecretBytes encoded, PrePublicKey publicKey) throws InvalidKeyMaterialException {
        return AfghPrivateKey.decode(encoded, AfghPublicKey.of(publicKey));
    }

    @Override
    public ReEncryptionKey reEncryptionKey(byte[] encoded) throws InvalidKeyMaterialException {
        return AfghReEncryptionKey.decode(encoded, publicKeys);
    }

    @Override
    public Capsule capsule(byte[] encoded) throws InvalidCapsuleException {
        return AfghCapsule.decode(encoded);
    }

    @Override
    public ReEncryptedCapsule reEncryptedCapsule(byte[] encoded) throws InvalidCapsuleException {
        return AfghReEncryptedCapsule.decode(encoded, publicKeys);
    }

    private static void requireSame(KeyFingerprint intended, KeyFingerprint actual, String what)
            throws KeyMismatchException {
        if (!intended.equals(actual)) {
            throw new KeyMismatchException(what + " is for " + intended + ", not for the key " + actual);
        }
    }

    private static DataKey deriveDataKey(GtElement s, G1Element c, G1Element ownerA1) {
        byte[] ikm = s.encode();
        byte[] salt = new byte[2 * G1Element.LENGTH];
        System.arraycopy(c.encode(), 0, salt, 0, G1Element.LENGTH);
        System.arraycopy(ownerA1.encode(), 0, salt, G1Element.LENGTH, G1Element.LENGTH);
        try {
            return new DataKey(SecretBytes.adopt(Hkdf.computeHkdf("HMACSHA256", ikm, salt, KDF_INFO,
                    DataKey.LENGTH)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required of every Java platform", e);
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }
}
