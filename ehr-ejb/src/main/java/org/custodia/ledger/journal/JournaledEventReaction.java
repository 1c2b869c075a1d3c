package org.custodia.ledger.journal;

import org.custodia.ledger.api.LedgerEvent;

/**
 * Reacts to a contract event the first time the journal keeps it, inside the journal's transaction: a redelivered
 * event is not passed on again. Implementations are CDI beans; they only write to the node's database (typically
 * an outbox command), never call the chain or another node, as the transaction must stay short and local.
 */
public interface JournaledEventReaction {

    void onNewEvent(LedgerEvent event);

    /**
     * The chain was replaced from block {@code fromBlock} on (a development chain reverted or started anew): the
     * journal forgot its events from there, and what a reaction derived from them alone may go too. Nothing by
     * default.
     */
    default void onBlocksReplaced(long fromBlock) {
    }
}
