package org.custodia.sharing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * This node's index of the consent entries on chain that concern it: which request, grant or emergency ids to
 * show its staff and to issue re-keys for. The chain holds their state; the index says where to look, and whether an
 * entry is settled (a request decided, an emergency access reviewed), so that lists of what still waits for staff
 * need not read every entry from the chain.
 */
@Entity
@Table(name = "consent_ref")
public class ConsentRef {

    @Id
    @Column(length = 40)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ConsentKind kind;

    @Column(name = "chain_id", nullable = false)
    private long chainId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Direction direction;

    @Column(name = "patient_pseudonym", nullable = false, length = 64)
    private String patientPseudonym;

    @Column(nullable = false, length = 42)
    private String counterpart;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    /** Unused for grants. Entries noted before the node kept their state count as open until a list reads them. */
    @Column(name = "settled", nullable = false)
    private boolean settled;

    protected ConsentRef() {
        // for JPA
    }

    ConsentRef(ConsentKind kind, long chainId, Direction direction, String patientPseudonym, String counterpart,
            Instant expiresAt, Instant recordedAt) {
        this.id = kind.subject(chainId);
        this.kind = kind;
        this.chainId = chainId;
        this.direction = direction;
        this.patientPseudonym = patientPseudonym;
        this.counterpart = counterpart;
        this.expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
        this.recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
        this.settled = false;
    }

    ConsentKind kind() {
        return kind;
    }

    long chainId() {
        return chainId;
    }

    Direction direction() {
        return direction;
    }

    /** When the entry ends, if this node knows it (a request has no end). */
    Instant expiresAt() {
        return expiresAt;
    }

    /** Whether the entry is marked settled. */
    boolean settled() {
        return settled;
    }

    /** 64 lower-case hex digits. */
    String patientPseudonym() {
        return patientPseudonym;
    }
}
