package org.custodia.crypto;

/** A capsule transformed by a proxy for one delegatee; it keeps the original capsule it came from. */
public interface ReEncryptedCapsule {

    Capsule original();

    KeyFingerprint delegatee();

    byte[] toBytes();
}
