package org.custodia.nodeapi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A nonce an accepted node-to-node call used, kept until its signature would be refused as stale anyway. Its key is
 * the caller and the nonce, so a second insert of the same pair fails: that is how a replay is recognised, also
 * between concurrent requests and across restarts. Internal to the node API.
 */
@Entity
@Table(name = "node_call_nonce")
public class SeenNonce {

    @EmbeddedId
    private SeenNonceKey key;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected SeenNonce() {
        // for JPA
    }

    /**
     * @param createdAt the signature's {@code created}
     * @param expiresAt when the signature turns stale: {@code createdAt} plus the window
     */
    SeenNonce(String keyid, String nonce, Instant createdAt, Instant expiresAt) {
        this.key = new SeenNonceKey(keyid, nonce);
        // the database keeps microseconds: store what will be read back
        this.createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        this.expiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS);
    }
}
