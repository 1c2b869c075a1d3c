package org.custodia.keys;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.custodia.keys.WrappedKeyPair;

/**
 * The node's own PRE key pair (what consortium members re-encrypt records for), created at
 * the first start. The display name and ledger account come from configuration; there is exactly one row.
 */
@Entity
@Table(name = "hospital")
public class OwnKeyPair {

    static final short THIS_NODE = 1;

    @Id
    private short id;

    @Embedded
    private WrappedKeyPair keyPair;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected OwnKeyPair() {
        // for JPA
    }

    OwnKeyPair(WrappedKeyPair keyPair, Instant createdAt) {
        this.id = THIS_NODE;
        this.keyPair = keyPair;
        this.createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    }

    public WrappedKeyPair keyPair() {
        return keyPair;
    }

    /** Replaces the key pair with the same one re-wrapped bound to this node ({@link OwnKeyPairs#bindToOwner}). */
    void rebind(WrappedKeyPair ownerBound) {
        this.keyPair = ownerBound;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
