package org.custodia.crypto;

/**
 * Lets a proxy turn capsules for the delegator into capsules the delegatee can open, without being able to open
 * either. Not secret against the delegatee, but only proxies and the delegator should hold it.
 */
public interface ReEncryptionKey {

    /** The owner whose capsules this key transforms. */
    KeyFingerprint delegator();

    /** The key the transformed capsules are for. */
    KeyFingerprint delegatee();

    byte[] toBytes();
}
