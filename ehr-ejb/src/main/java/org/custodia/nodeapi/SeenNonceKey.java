package org.custodia.nodeapi;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A nonce as one caller used it: the caller's ledger address ({@code keyid}) and the nonce, unique together. */
@Embeddable
public record SeenNonceKey(@Column(name = "keyid", nullable = false, length = 42) String keyid,
        @Column(name = "nonce", nullable = false, length = 64) String nonce) implements Serializable {
}
