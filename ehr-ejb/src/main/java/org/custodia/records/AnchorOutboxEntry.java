package org.custodia.records;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An anchor not yet confirmed on chain. Written in the transaction that records the record, deleted in the one that
 * marks it anchored; a retry timer works through the due entries until the chain accepts them.
 */
@Entity
@Table(name = "anchor_outbox")
public class AnchorOutboxEntry {

    private static final int MAX_ERROR = 1024;

    @Id
    @Column(name = "record_id", length = 64)
    private String recordId;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "pending_transaction", length = 66)
    private String pendingTransaction;

    @Column(name = "last_error", length = MAX_ERROR)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AnchorOutboxEntry() {
        // for JPA
    }

    AnchorOutboxEntry(String recordId, Instant createdAt, Instant firstAttemptAt) {
        this.recordId = recordId;
        this.createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        this.nextAttemptAt = firstAttemptAt.truncatedTo(ChronoUnit.MICROS);
    }

    void failed(String error, String pendingTransaction, Instant retryAt) {
        attempts++;
        lastError = error == null ? null : error.substring(0, Math.min(error.length(), MAX_ERROR));
        if (pendingTransaction != null) {
            this.pendingTransaction = pendingTransaction;
        }
        nextAttemptAt = retryAt.truncatedTo(ChronoUnit.MICROS);
    }

    public String recordId() {
        return recordId;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    /** A transaction that was sent but whose fate is unknown (the node went away); checked before sending again. */
    public String pendingTransaction() {
        return pendingTransaction;
    }

    public String lastError() {
        return lastError;
    }
}
