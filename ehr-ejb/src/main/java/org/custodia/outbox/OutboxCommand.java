package org.custodia.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.custodia.kernel.TextField;
import org.custodia.ledger.api.Bytes32;

/**
 * A command that must leave the node exactly once (a chain transaction, a delivery to another node). Written in the
 * transaction whose effect it announces, deleted in the one that records it done; the outbox worker works through
 * due commands until each is done. Internal to the outbox.
 */
@Entity
@Table(name = "outbox_command")
public class OutboxCommand {

    private static final int MAX_ERROR = 1024;

    @Id
    @Column(length = 200)
    private String id;

    @Column(nullable = false, length = 32)
    private String kind;

    @Column(nullable = false, length = 160)
    private String subject;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "leased_by", length = 36)
    private String leasedBy;

    @Column(name = "lease_id", length = 36)
    private String leaseId;

    @Column(name = "pending_transaction", length = 66)
    private String pendingTransaction;

    @Column(name = "last_error", length = MAX_ERROR)
    private String lastError;

    @Column(name = "rerun_requested", nullable = false)
    private boolean rerunRequested;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "conflict_since")
    private Instant conflictSince;

    protected OutboxCommand() {
        // for JPA
    }

    OutboxCommand(String kind, String subject, Instant createdAt, Instant dueAt) {
        this.id = idOf(kind, subject);
        this.kind = kind;
        this.subject = subject;
        this.createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        this.nextAttemptAt = dueAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The primary key: one command per kind and subject. */
    static String idOf(String kind, String subject) {
        return kind + ":" + subject;
    }

    /**
     * An attempt's error as its column keeps it: at most {@value #MAX_ERROR} characters, one line. An error may quote
     * another node or the chain node, and PostgreSQL refuses a NUL in a text column: the attempt would go unrecorded,
     * its back-off and any transaction it sent with it.
     */
    static String fittedError(String error) {
        return TextField.fitted(error, MAX_ERROR);
    }

    PendingCommand pending() {
        return new PendingCommand(kind, subject, attempts,
                Optional.ofNullable(pendingTransaction).map(Bytes32::fromHex));
    }

    String id() {
        return id;
    }

    String kind() {
        return kind;
    }

    String subject() {
        return subject;
    }

    int attempts() {
        return attempts;
    }

    Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    String leasedBy() {
        return leasedBy;
    }

    String lastError() {
        return lastError;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant conflictSince() {
        return conflictSince;
    }
}
