package org.custodia.proxy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A re-key this proxy holds, sealed under the node's key-encryption key and bound to its {@link ProxyReKeyId}. At
 * most one per (custodian, owner key, delegatee): a custodian's repeated delivery replaces it.
 */
@Entity
@Table(name = "proxy_re_key")
public class ProxyReKey {

    @EmbeddedId
    private ProxyReKeyId id;

    @Column(name = "sealed_re_key", nullable = false)
    private byte[] sealedReKey;

    @Column(name = "stored_at", nullable = false)
    private Instant storedAt;

    protected ProxyReKey() {
        // for JPA
    }

    ProxyReKey(ProxyReKeyId id, byte[] sealedReKey, Instant storedAt) {
        this.id = id;
        replace(sealedReKey, storedAt);
    }

    void replace(byte[] sealed, Instant at) {
        this.sealedReKey = sealed.clone();
        // the database keeps microseconds: store what will be read back
        this.storedAt = at.truncatedTo(ChronoUnit.MICROS);
    }

    ProxyReKeyId id() {
        return id;
    }

    byte[] sealedReKey() {
        return sealedReKey.clone();
    }

    Instant storedAt() {
        return storedAt;
    }
}
