package org.custodia.review;

/**
 * What the chain, as this node journaled its events, shows of an audited act.
 *
 * @param event           the contract event the act leaves on chain (e.g. {@code RecordAnchored})
 * @param blockNumber     the block of the event found, or -1
 * @param transactionHash the transaction of the event found, or null
 */
public record ChainEvidence(Status status, String event, long blockNumber, String transactionHash) {

    /** How the chain's record compares with the audit entry. */
    public enum Status {
        /** The chain holds the event, caused by this node where the event names who caused it. */
        MATCHES,
        /**
         * The chain holds the event for this subject, but not the entry's own: another account caused it, it names
         * another accessor, or it is in another transaction than the entry names.
         */
        DIFFERS,
        /** No such event has reached this node (yet: an anchor waits in the outbox until the chain confirms it). */
        NOT_ON_CHAIN
    }

    static ChainEvidence missing(String event) {
        return new ChainEvidence(Status.NOT_ON_CHAIN, event, -1, null);
    }
}
