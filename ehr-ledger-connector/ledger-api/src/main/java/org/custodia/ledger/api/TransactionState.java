package org.custodia.ledger.api;

/** What the chain node knows of a transaction this node sent. */
public enum TransactionState {
    /** Mined, and it took effect. */
    MINED,
    /** Mined, and the contract refused it: it changed nothing. */
    REVERTED,
    /** Known to the node and waiting to be mined. */
    PENDING,
    /**
     * Neither mined nor known to the node: dropped from its pool, or never received (it may still reach the chain if
     * another node holds it, or if its sender hands it over again).
     */
    UNKNOWN
}
