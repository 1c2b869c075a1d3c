package org.custodia.records;

/** Where a record's anchor on chain stands. Only an anchored record can be downloaded or shared. */
public enum AnchorStatus {
    /** Stored and recorded; its anchor waits in the outbox until the chain accepts it. */
    PENDING,
    /** Its envelope hash is on chain under its record id, with this node as custodian. */
    ANCHORED
}
