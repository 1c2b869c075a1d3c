package org.custodia.crypto.pre;

import java.util.Arrays;
import org.custodia.crypto.Capsule;
import org.custodia.crypto.InvalidCapsuleException;
import org.custodia.crypto.KeyFingerprint;
import org.custodia.crypto.internal.G1Element;
import org.custodia.crypto.internal.InvalidElementException;

/** Capsule C = A1^r. Encoding: 'C', version, owner key fingerprint (32 bytes), C (48 bytes). */
final class AfghCapsule implements Capsule {

    static final int LENGTH = Encoding.PREFIX + KeyFingerprint.LENGTH + G1Element.LENGTH;

    private final KeyFingerprint owner;
    private final G1Element c;
    private final byte[] encoded;

    AfghCapsule(KeyFingerprint owner, G1Element c) {
        this.owner = owner;
        this.c = c;
        this.encoded = Encoding.join(Encoding.CAPSULE, owner.toBytes(), c.encode());
    }

    static AfghCapsule decode(byte[] encoded) throws InvalidCapsuleException {
        String problem = Encoding.problem(encoded, Encoding.CAPSULE, LENGTH, "capsule");
        if (problem != null) {
            throw new InvalidCapsuleException(problem);
        }
        KeyFingerprint owner = KeyFingerprint.fromBytes(Encoding.field(encoded, Encoding.PREFIX, KeyFingerprint.LENGTH));
        try {
            return new AfghCapsule(owner, G1Element.decode(
                    Encoding.field(encoded, Encoding.PREFIX + KeyFingerprint.LENGTH, G1Element.LENGTH)));
        } catch (InvalidElementException e) {
            throw new InvalidCapsuleException("capsule: " + e.getMessage());
        }
    }

    static AfghCapsule of(Capsule capsule) throws InvalidCapsuleException {
        if (capsule instanceof AfghCapsule own) {
            return own;
        }
        throw new InvalidCapsuleException("capsule for " + capsule.owner() + " is not a " + AfghKem.SUITE
                + " capsule");
    }

    G1Element c() {
        return c;
    }

    @Override
    public KeyFingerprint owner() {
        return owner;
    }

    @Override
    public byte[] toBytes() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AfghCapsule that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Capsule[for " + owner + "]";
    }
}
