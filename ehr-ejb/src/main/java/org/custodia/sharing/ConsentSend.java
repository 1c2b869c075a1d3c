package org.custodia.sharing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A grant or access request this node is sending, or sent without learning its outcome: the row that keeps
 * {@link PendingConsentSends}' hold on the same change across a restart ({@link ConsentSendJournal}).
 */
@Entity
@Table(name = "consent_send")
public class ConsentSend {

    /** The SHA-256 of the change's description ({@link PendingConsentSends.Change#digest()}), in hex. */
    @Id
    @Column(name = "change_digest", length = 64)
    private String changeDigest;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    /** Null while it is being sent; then when its outcome turned out unknown. */
    @Column(name = "unconfirmed_since")
    private Instant unconfirmedSince;

    /** The transaction it was sent in, when the failure named it. */
    @Column(name = "transaction_hash", length = 66)
    private String transactionHash;

    protected ConsentSend() {
        // for JPA
    }

    ConsentSend(String changeDigest, Instant startedAt, Instant unconfirmedSince, String transactionHash) {
        this.changeDigest = changeDigest;
        this.startedAt = startedAt.truncatedTo(ChronoUnit.MICROS);
        this.unconfirmedSince = unconfirmedSince == null ? null : unconfirmedSince.truncatedTo(ChronoUnit.MICROS);
        this.transactionHash = transactionHash;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant unconfirmedSince() {
        return unconfirmedSince;
    }

    String transactionHash() {
        return transactionHash;
    }
}
