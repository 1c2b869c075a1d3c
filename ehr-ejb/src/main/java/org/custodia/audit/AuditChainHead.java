package org.custodia.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The newest sealed entry of the audit trail's hash chain: its sequence and hash (one row, id 1), and the head last
 * handed to the outbox for anchoring on chain.
 */
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

    @Column(name = "anchor_requested_sequence", nullable = false)
    private long anchorRequestedSequence;

    @Column(name = "anchor_requested_at")
    private Instant anchorRequestedAt;

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

    /** The sequence last handed over for anchoring, 0 before the first. */
    long anchorRequestedSequence() {
        return anchorRequestedSequence;
    }

    /** Whether the head moved past the one last handed over for anchoring, and that was {@code interval} ago or more. */
    boolean anchorDue(Instant now, Duration interval) {
        return sequence > anchorRequestedSequence
                && (anchorRequestedAt == null || !now.isBefore(anchorRequestedAt.plus(interval)));
    }

    void anchorRequested(Instant now) {
        this.anchorRequestedSequence = sequence;
        this.anchorRequestedAt = now.truncatedTo(ChronoUnit.MICROS);
    }
}
