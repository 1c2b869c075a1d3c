package org.custodia.ledger.api;

import java.io.Serializable;
import java.time.Instant;

/** A record as anchored on chain: the anchor, the custodian hospital that anchored it and when. */
public record AnchoredRecord(RecordAnchor anchor, LedgerAddress custodian, Instant anchoredAt)
        implements Serializable {
}
