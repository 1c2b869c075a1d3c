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
 * Private key a in [1, q-1]. Encoding: 'S', version, a (32 bytes big-endian). 1/a and g2^(1/a) are computed on
 * first use and kept, since every decapsulation needs one of them.
 */
final class AfghPrivateKey implements PrePrivateKey {

    static final int LENGTH = Encoding.PREFIX + 32;

    private final SecretScalar a;
    private final AfghPublicKey publicKey;
    private volatile SecretScalar inverse;
    private volatile G2Element ownerDecapsulationPoint;

    private AfghPrivateKey(SecretScalar a) {
        this.a = a;
        this.publicKey = new AfghPublicKey(G1Element.generator().multiply(a), G2Element.generator().multiply(a));
    }

    static AfghPrivateKey generate(SecureRandom random) {
        return new AfghPrivateKey(SecretScalar.random(random));
    }

    static AfghPrivateKey decode(SecretBytes encoded) throws InvalidKeyMaterialException {
        return encoded.read(SecretAccess.get(), bytes -> {
            String problem = Encoding.problem(bytes, Encoding.PRIVATE_KEY, LENGTH, "private key");
            if (problem != null) {
                throw new InvalidKeyMaterialException(problem);
            }
            byte[] scalar = Encoding.field(bytes, Encoding.PREFIX, LENGTH - Encoding.PREFIX);
            try {
                return new AfghPrivateKey(SecretScalar.fromBytes(scalar));
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

    /** g2^(1/a): e(C, g2^(1/a)) = Z^r for C = A1^r. */
    G2Element ownerDecapsulationPoint() {
        G2Element result = ownerDecapsulationPoint;
        if (result == null) {
            result = G2Element.generator().multiply(inverse());
            ownerDecapsulationPoint = result;
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
