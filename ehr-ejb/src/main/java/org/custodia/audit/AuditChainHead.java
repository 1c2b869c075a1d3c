package org.custodia.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The newest sealed entry of the audit trail's hash chain: its sequence and hash (one row, id 1). */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHead {

    static final short ID = 1;

    @Id
    private short id;

    @Column(nullable = false)
    private long sequence;

    @Column(name = "entry_hash", nullable = false, length = 64)
    private String entryHash;

    @Column(name = "sealed_at")
    private Instant sealedAt;

    protected AuditChainHead() {
        // for JPA
    }

    long sequence() {
        return sequence;
    }

    String entryHash() {
        return entryHash;
    }

    void advance(AuditEntry sealed, Instant now) {
        this.sequence = sealed.sequence();
        this.entryHash = sealed.entryHash();
        this.sealedAt = now.truncatedTo(ChronoUnit.MICROS);
    }
}
