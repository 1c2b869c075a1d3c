package org.custodia.crypto;

/** The public part of an encapsulation: lets the owner (or, after re-encapsulation, a delegatee) recover the key. */
public interface Capsule {

    /** The public key the capsule was made for. */
    KeyFingerprint owner();

    byte[] toBytes();
}
