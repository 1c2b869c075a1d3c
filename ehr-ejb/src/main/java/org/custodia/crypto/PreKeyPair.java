package org.custodia.crypto;

/** A freshly generated key pair. */
public record PreKeyPair(PrePublicKey publicKey, PrePrivateKey privateKey) {
}
