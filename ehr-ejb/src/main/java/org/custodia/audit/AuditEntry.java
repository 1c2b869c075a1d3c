package org.custodia.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.custodia.kernel.TextField;

/**
 * One line of the node's audit trail: who did what to which subject, when, and with what outcome.
 *
 * <p>Entries are append-only: there are no setters and the service offers no update or delete; once sealed into the
 * trail's hash chain ({@link AuditTrail#sealPending}), a change made in the database is detected. The detail
 * never contains a secret or a plaintext record; subjects are identifiers (record ids, pseudonyms), not PHI.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    private UUID id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false, length = 128)
    private String actor;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(length = 128)
    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AuditOutcome outcome;

    @Column(length = 1024)
    private String detail;

    /** The patient the detail names ({@link NamedPatient}), for reviews by patient id; not part of the hash. */
    @Column(name = "named_patient", length = 36)
    private String namedPatient;

    /** Place in the hash chain, once sealed. */
    @Column
    private Long sequence;

    @Column(name = "previous_hash", length = 64)
    private String previousHash;

    @Column(name = "entry_hash", length = 64)
    private String entryHash;

    protected AuditEntry() {
        // for JPA
    }

    AuditEntry(Instant occurredAt, String actor, String action, String subject, AuditOutcome outcome,
               String detail) {
        this.id = UUID.randomUUID();
        // the database keeps microseconds: store what will be read back
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
        // texts a caller sent, made storable as they are hashed within their columns: an entry must never fail, nor
        // read back as tampered with, because of them (PostgreSQL refuses NUL; no database keeps half a pair)
        this.actor = TextField.fitted(Objects.requireNonNull(actor, "actor"), 128);
        this.action = Objects.requireNonNull(action, "action");
        this.subject = TextField.fitted(subject, 128);
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.detail = TextField.fitted(detail, 1024);
        this.namedPatient = NamedPatient.in(this.detail);
    }

    /** Links this entry into the hash chain after the entry whose hash is {@code previousHash}. */
    void seal(long sequence, String previousHash) {
        this.sequence = sequence;
        this.previousHash = previousHash;
        this.entryHash = computedHash();
    }

    /** The hash this entry's fields and its link give now: differs from {@link #entryHash()} once anything changed. */
    String computedHash() {
        return AuditHashes.of(sequence, previousHash, id, occurredAt, actor, action, subject, outcome, detail);
    }

    /** Whether the patient kept beside the entry is the one its detail names (false once either was changed). */
    boolean namedPatientMatchesDetail() {
        return Objects.equals(namedPatient, NamedPatient.in(detail));
    }

    Long sequence() {
        return sequence;
    }

    String previousHash() {
        return previousHash;
    }

    String entryHash() {
        return entryHash;
    }

    AuditRecord toRecord() {
        return new AuditRecord(id, occurredAt, actor, action, subject, outcome, detail);
    }

    public UUID getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getSubject() {
        return subject;
    }

    public AuditOutcome getOutcome() {
        return outcome;
    }

    public String getDetail() {
        return detail;
    }
}
