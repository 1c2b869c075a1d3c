package org.custodia.records;

/**
 * Where a record's anchor on chain stands. Only an anchored record can be shared; this hospital's own staff can read
 * a pending one (its envelope is then checked against the recorded hash only).
 */
public enum AnchorStatus {
    /** Stored and recorded; its anchor waits in the outbox until the chain accepts it. */
    PENDING,
    /** Its envelope hash is on chain under its record id, with this node as custodian. */
    ANCHORED
}
