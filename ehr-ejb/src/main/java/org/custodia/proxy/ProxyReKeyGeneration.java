package org.custodia.proxy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * The number of the latest call this proxy applied for one re-key, delivery or withdrawal; kept after a withdrawal,
 * so that an older delivery arriving late is refused ({@link SealedReKeys}), until a day after that call
 * ({@link ReKeyCallNumberExpiry}).
 */
@Entity
@Table(name = "proxy_re_key_generation")
public class ProxyReKeyGeneration {

    @EmbeddedId
    private ProxyReKeyId id;

    @Column(nullable = false)
    private long generation;

    @Column(name = "applied_at", nullable = false)
    private Instant appliedAt;

    protected ProxyReKeyGeneration() {
        // for JPA
    }

    ProxyReKeyGeneration(ProxyReKeyId id, long generation, Instant appliedAt) {
        this.id = id;
        advance(generation, appliedAt);
    }

    /** Notes call {@code applied}; its time too, which keeps the row from being forgotten while calls come. */
    void advance(long applied, Instant at) {
        this.generation = applied;
        this.appliedAt = at.truncatedTo(ChronoUnit.MICROS);
    }

    long generation() {
        return generation;
    }
}
