package org.custodia.ledger.api;

import java.io.Serializable;
import java.time.Instant;

/** An audit trail head as anchored on chain: the head, and the block (number and time) that anchored it. */
public record AnchoredAuditHead(AuditHead head, long blockNumber, Instant anchoredAt) implements Serializable {
}
