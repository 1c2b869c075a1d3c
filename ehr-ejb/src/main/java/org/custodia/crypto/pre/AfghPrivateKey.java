package org.custodia.crypto.pre;

import java.security.SecureRandom;
import java.util.Arrays;

import org.custodia.crypto.InvalidKeyMaterialException;
import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.internal.G1Element;
import org.custodia.crypto.internal.G2Element;
import org.custodia.crypto.internal.InvalidElementException;
import org.custodia.crypto.internal.SecretScalar;
import org.custodia.kernel.SecretAccess;
import org.custodia.kernel.SecretBytes;

/**
 * Private key a in [1, q-1]. Encoding: 'S', version, a (32 bytes big-endian). 1/a is computed on first use and
 * kept, since every decapsulation needs it.
 */
final class AfghPrivateKey implements PrePrivateKey {

    static final int LENGTH = Encoding.PREFIX + 32;

    private final SecretScalar a;
    private final AfghPublicKey publicKey;
    private volatile SecretScalar inverse;

    private AfghPrivateKey(SecretScalar a, AfghPublicKey publicKey) {
        this.a = a;
        this.publicKey = publicKey;
    }

    private AfghPrivateKey(SecretScalar a) {
        this(a, new AfghPublicKey(G1Element.generatorPow(a), G2Element.generatorPow(a)));
    }

    static AfghPrivateKey generate(SecureRandom random) {
        return new AfghPrivateKey(SecretScalar.random(random));
    }

    /** Decodes a private key and computes its public key (one G1 and one G2 multiplication). */
    static AfghPrivateKey decode(SecretBytes encoded) throws InvalidKeyMaterialException {
        return new AfghPrivateKey(scalar(encoded));
    }

    /**
     * Decodes the private key of a public key already validated: checks A1 = g1^a only (one G1 multiplication), since
     * a validated key's A2 has A1's exponent.
     *
     * @throws InvalidKeyMaterialException if the encoding is invalid or the key is not {@code publicKey}'s
     */
    static AfghPrivateKey decode(SecretBytes encoded, AfghPublicKey publicKey) throws InvalidKeyMaterialException {
        SecretScalar a = scalar(encoded);
        if (!G1Element.generatorPow(a).equals(publicKey.a1())) {
            a.destroy();
            throw new InvalidKeyMaterialException("private key is not the key of public key "
                    + publicKey.fingerprint());
        }
        return new AfghPrivateKey(a, publicKey);
    }

    private static SecretScalar scalar(SecretBytes encoded) throws InvalidKeyMaterialException {
        return encoded.read(SecretAccess.get(), bytes -> {
            String problem = Encoding.problem(bytes, Encoding.PRIVATE_KEY, LENGTH, "private key");
            if (problem != null) {
                throw new InvalidKeyMaterialException(problem);
            }
            byte[] scalar = Encoding.field(bytes, Encoding.PREFIX, LENGTH - Encoding.PREFIX);
            try {
                return SecretScalar.fromBytes(scalar);
            } catch (InvalidElementException e) {
                throw new InvalidKeyMaterialException("private key: " + e.getMessage());
            } finally {
                Arrays.fill(scalar, (byte) 0);
            }
        });
    }

    static AfghPrivateKey of(PrePrivateKey key) throws InvalidKeyMaterialException {
        if (key instanceof AfghPrivateKey own) {
            return own;
        }
        throw new InvalidKeyMaterialException("private key of public key " + key.publicKey().fingerprint()
                + " is not a " + AfghKem.SUITE + " key");
    }

    SecretScalar scalar() {
        return a;
    }

    SecretScalar inverse() {
        SecretScalar result = inverse;
        if (result == null) {
            result = a.inverse();
            inverse = result;
        }
        return result;
    }

    @Override
    public AfghPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public SecretBytes toSecretBytes() {
        return a.read(scalar -> SecretBytes.adopt(Encoding.join(Encoding.PRIVATE_KEY, scalar)));
    }

    @Override
    public void destroy() {
        a.destroy();
        SecretScalar cached = inverse;
        if (cached != null) {
            cached.destroy();
        }
    }

    @Override
    public boolean isDestroyed() {
        return a.isDestroyed();
    }

    @Override
    public String toString() {
        return "PrePrivateKey[of " + publicKey.fingerprint() + ", redacted]";
    }
}
