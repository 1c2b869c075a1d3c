package org.custodia.ledger.journal;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** An event's position on the chain: block number and log index, unique and ordered. */
@Embeddable
public record ChainEventKey(@Column(name = "block_number", nullable = false) long blockNumber,
        @Column(name = "log_index", nullable = false) int logIndex) implements Serializable {
}
