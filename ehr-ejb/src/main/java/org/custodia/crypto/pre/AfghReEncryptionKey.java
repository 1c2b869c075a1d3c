package org.custodia.crypto.pre;

import org.custodia.crypto.InvalidKeyMaterialException;
import org.custodia.crypto.KeyFingerprint;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.crypto.internal.G2Element;
import org.custodia.crypto.internal.InvalidElementException;

/**
 * Re-encryption key rk = B2^(1/a) from delegator A to delegatee B. Encoding: 'R', version, the delegator's public
 * key encoding (146 bytes: the proxy passes its A1 on to the delegatee, who needs it for the KDF), the delegatee's
 * key fingerprint (32 bytes), rk (96 bytes).
 */
final class AfghReEncryptionKey implements ReEncryptionKey {

    static final int LENGTH = Encoding.PREFIX + AfghPublicKey.LENGTH + KeyFingerprint.LENGTH + G2Element.LENGTH;

    private final AfghPublicKey delegatorKey;
    private final KeyFingerprint delegatee;
    private final G2Element rk;

    AfghReEncryptionKey(AfghPublicKey delegatorKey, KeyFingerprint delegatee, G2Element rk) {
        this.delegatorKey = delegatorKey;
        this.delegatee = delegatee;
        this.rk = rk;
    }

    static AfghReEncryptionKey decode(byte[] encoded, ValidatedPublicKeys publicKeys)
            throws InvalidKeyMaterialException {
        String problem = Encoding.problem(encoded, Encoding.RE_ENCRYPTION_KEY, LENGTH, "re-encryption key");
        if (problem != null) {
            throw new InvalidKeyMaterialException(problem);
        }
        int offset = Encoding.PREFIX;
        AfghPublicKey delegator = publicKeys.decode(Encoding.field(encoded, offset, AfghPublicKey.LENGTH));
        offset += AfghPublicKey.LENGTH;
        KeyFingerprint delegatee = KeyFingerprint.fromBytes(Encoding.field(encoded, offset, KeyFingerprint.LENGTH));
        offset += KeyFingerprint.LENGTH;
        try {
            return new AfghReEncryptionKey(delegator, delegatee,
                    G2Element.decode(Encoding.field(encoded, offset, G2Element.LENGTH)));
        } catch (InvalidElementException e) {
            throw new InvalidKeyMaterialException("re-encryption key: " + e.getMessage());
        }
    }

    static AfghReEncryptionKey of(ReEncryptionKey key) throws InvalidKeyMaterialException {
        if (key instanceof AfghReEncryptionKey own) {
            return own;
        }
        throw new InvalidKeyMaterialException("re-encryption key from " + key.delegator() + " is not a "
                + AfghKem.SUITE + " key");
    }

    AfghPublicKey delegatorKey() {
        return delegatorKey;
    }

    G2Element rk() {
        return rk;
    }

    @Override
    public KeyFingerprint delegator() {
        return delegatorKey.fingerprint();
    }

    @Override
    public KeyFingerprint delegatee() {
        return delegatee;
    }

    @Override
    public byte[] toBytes() {
        return Encoding.join(Encoding.RE_ENCRYPTION_KEY, delegatorKey.toBytes(), delegatee.toBytes(), rk.encode());
    }

    @Override
    public String toString() {
        return "ReEncryptionKey[" + delegator() + " -> " + delegatee + "]";
    }
}
