package org.custodia.crypto.pre;

import java.util.Arrays;
import org.custodia.crypto.InvalidKeyMaterialException;
import org.custodia.crypto.KeyFingerprint;
import org.custodia.crypto.PrePublicKey;
import org.custodia.crypto.internal.G1Element;
import org.custodia.crypto.internal.G2Element;
import org.custodia.crypto.internal.GtElement;
import org.custodia.crypto.internal.InvalidElementException;

/** Public key (A1 = g1^a, A2 = g2^a). Encoding: 'P', version, A1 (48 bytes), A2 (96 bytes). */
final class AfghPublicKey implements PrePublicKey {

    static final int LENGTH = Encoding.PREFIX + G1Element.LENGTH + G2Element.LENGTH;

    private final G1Element a1;
    private final G2Element a2;
    private final byte[] encoded;
    private final KeyFingerprint fingerprint;

    AfghPublicKey(G1Element a1, G2Element a2) {
        this.a1 = a1;
        this.a2 = a2;
        this.encoded = Encoding.join(Encoding.PUBLIC_KEY, a1.encode(), a2.encode());
        this.fingerprint = KeyFingerprint.ofPublicKey(encoded);
    }

    /** Validates both points and that they share one exponent: e(A1, g2) == e(g1, A2). */
    static AfghPublicKey decode(byte[] encoded) throws InvalidKeyMaterialException {
        String problem = Encoding.problem(encoded, Encoding.PUBLIC_KEY, LENGTH, "public key");
        if (problem != null) {
            throw new InvalidKeyMaterialException(problem);
        }
        G1Element a1;
        G2Element a2;
        try {
            a1 = G1Element.decode(Encoding.field(encoded, Encoding.PREFIX, G1Element.LENGTH));
            a2 = G2Element.decode(Encoding.field(encoded, Encoding.PREFIX + G1Element.LENGTH, G2Element.LENGTH));
        } catch (InvalidElementException e) {
            throw new InvalidKeyMaterialException("public key: " + e.getMessage());
        }
        if (!GtElement.pairingsEqual(a1, G2Element.generator(), G1Element.generator(), a2)) {
            throw new InvalidKeyMaterialException("public key: A1 and A2 are not powers of the same exponent");
        }
        return new AfghPublicKey(a1, a2);
    }

    static AfghPublicKey of(PrePublicKey key) throws InvalidKeyMaterialException {
        if (key instanceof AfghPublicKey own) {
            return own;
        }
        throw new InvalidKeyMaterialException("public key " + key.fingerprint() + " is not a "
                + AfghKem.SUITE + " key");
    }

    G1Element a1() {
        return a1;
    }

    G2Element a2() {
        return a2;
    }

    @Override
    public KeyFingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public byte[] toBytes() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AfghPublicKey that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "PrePublicKey[" + fingerprint + "]";
    }
}
