package org.custodia.crypto;

/** A public key of the proxy re-encryption suite; safe to publish (it is registered on chain). */
public interface PrePublicKey {

    KeyFingerprint fingerprint();

    /** The versioned binary encoding (see the module README). */
    byte[] toBytes();
}
