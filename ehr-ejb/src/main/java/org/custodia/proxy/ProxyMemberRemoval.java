package org.custodia.proxy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A member the chain removed from the consortium, as this proxy journaled it; gone once the chain adds it again. */
@Entity
@Table(name = "proxy_member_removal")
public class ProxyMemberRemoval {

    @Id
    private String account;

    @Column(name = "block_number", nullable = false)
    private long blockNumber;

    @Column(name = "removed_at", nullable = false)
    private Instant removedAt;

    protected ProxyMemberRemoval() {
        // for JPA
    }

    ProxyMemberRemoval(String account, long blockNumber, Instant removedAt) {
        this.account = account;
        this.blockNumber = blockNumber;
        this.removedAt = removedAt.truncatedTo(ChronoUnit.MICROS);
    }

    long blockNumber() {
        return blockNumber;
    }
}
