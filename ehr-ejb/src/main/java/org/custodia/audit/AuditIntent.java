package org.custodia.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.custodia.kernel.TextField;

/**
 * What an audited action set out to do, written before a step nothing on this node can undo (a transaction sent to
 * the chain), so that the step never happens without a record of who asked for it. The action's entry replaces it
 * once the outcome is known ({@link AuditTrail#recordInPlaceOf}); one a stopped node left behind becomes an entry
 * whose outcome is {@link AuditOutcome#UNKNOWN} at the next start ({@link AuditTrail#settleInterrupted}).
 */
@Entity
@Table(name = "audit_intent")
public class AuditIntent {

    @Id
    private UUID id;

    @Column(name = "written_at", nullable = false)
    private Instant writtenAt;

    @Column(nullable = false, length = 128)
    private String actor;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(length = 128)
    private String subject;

    @Column(length = 1024)
    private String detail;

    protected AuditIntent() {
        // for JPA
    }

    AuditIntent(Instant writtenAt, String actor, String action, String subject, String detail) {
        this.id = UUID.randomUUID();
        this.writtenAt = Objects.requireNonNull(writtenAt, "writtenAt").truncatedTo(ChronoUnit.MICROS);
        this.actor = TextField.fitted(Objects.requireNonNull(actor, "actor"), 128);
        this.action = Objects.requireNonNull(action, "action");
        this.subject = TextField.fitted(subject, 128);
        this.detail = TextField.fitted(detail, 1024);
    }

    /** The entry of an action this intent announced, written when the node stopped before its outcome was known. */
    AuditEntry interrupted(Instant now) {
        return new AuditEntry(now, actor, action, subject, AuditOutcome.UNKNOWN, (detail == null ? "" : detail + "; ")
                + "outcome not known: the node stopped after " + writtenAt + ", before it knew whether this reached "
                + "the chain; if it took effect, the chain shows it (this node's chain events from that time on)");
    }

    public UUID getId() {
        return id;
    }
}
