package org.custodia.crypto.pre;

import org.custodia.crypto.InvalidCapsuleException;
import org.custodia.crypto.InvalidKeyMaterialException;
import org.custodia.crypto.KeyFingerprint;
import org.custodia.crypto.ReEncryptedCapsule;
import org.custodia.crypto.internal.GtElement;
import org.custodia.crypto.internal.InvalidElementException;

/**
 * Re-encrypted capsule (C, T = e(C, rk)). Encoding: 'T', version, the original capsule encoding (82 bytes), the
 * delegatee's key fingerprint (32 bytes), the owner's public key encoding (146 bytes), T (576 bytes).
 */
final class AfghReEncryptedCapsule implements ReEncryptedCapsule {

    static final int LENGTH = Encoding.PREFIX + AfghCapsule.LENGTH + KeyFingerprint.LENGTH + AfghPublicKey.LENGTH
            + GtElement.LENGTH;

    private final AfghCapsule original;
    private final KeyFingerprint delegatee;
    private final AfghPublicKey ownerKey;
    private final GtElement t;

    AfghReEncryptedCapsule(AfghCapsule original, KeyFingerprint delegatee, AfghPublicKey ownerKey, GtElement t) {
        this.original = original;
        this.delegatee = delegatee;
        this.ownerKey = ownerKey;
        this.t = t;
    }

    static AfghReEncryptedCapsule decode(byte[] encoded, ValidatedPublicKeys publicKeys)
            throws InvalidCapsuleException {
        String problem = Encoding.problem(encoded, Encoding.RE_ENCRYPTED_CAPSULE, LENGTH, "re-encrypted capsule");
        if (problem != null) {
            throw new InvalidCapsuleException(problem);
        }
        int offset = Encoding.PREFIX;
        AfghCapsule original = AfghCapsule.decode(Encoding.field(encoded, offset, AfghCapsule.LENGTH));
        offset += AfghCapsule.LENGTH;
        KeyFingerprint delegatee = KeyFingerprint.fromBytes(Encoding.field(encoded, offset, KeyFingerprint.LENGTH));
        offset += KeyFingerprint.LENGTH;
        AfghPublicKey ownerKey;
        try {
            ownerKey = publicKeys.decode(Encoding.field(encoded, offset, AfghPublicKey.LENGTH));
        } catch (InvalidKeyMaterialException e) {
            throw new InvalidCapsuleException("re-encrypted capsule: owner " + e.getMessage());
        }
        if (!ownerKey.fingerprint().equals(original.owner())) {
            throw new InvalidCapsuleException("re-encrypted capsule carries the public key " + ownerKey.fingerprint()
                    + " but its capsule is for " + original.owner());
        }
        offset += AfghPublicKey.LENGTH;
        try {
            return new AfghReEncryptedCapsule(original, delegatee, ownerKey,
                    GtElement.decode(Encoding.field(encoded, offset, GtElement.LENGTH)));
        } catch (InvalidElementException e) {
            throw new InvalidCapsuleException("re-encrypted capsule: " + e.getMessage());
        }
    }

    static AfghReEncryptedCapsule of(ReEncryptedCapsule capsule) throws InvalidCapsuleException {
        if (capsule instanceof AfghReEncryptedCapsule own) {
            return own;
        }
        throw new InvalidCapsuleException("re-encrypted capsule for " + capsule.delegatee() + " is not a "
                + AfghKem.SUITE + " capsule");
    }

    AfghPublicKey ownerKey() {
        return ownerKey;
    }

    GtElement t() {
        return t;
    }

    @Override
    public AfghCapsule original() {
        return original;
    }

    @Override
    public KeyFingerprint delegatee() {
        return delegatee;
    }

    @Override
    public byte[] toBytes() {
        return Encoding.join(Encoding.RE_ENCRYPTED_CAPSULE, original.toBytes(), delegatee.toBytes(),
                ownerKey.toBytes(), t.encode());
    }

    @Override
    public String toString() {
        return "ReEncryptedCapsule[" + original.owner() + " -> " + delegatee + "]";
    }
}
