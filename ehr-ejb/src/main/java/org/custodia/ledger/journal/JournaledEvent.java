package org.custodia.ledger.journal;

import java.time.Instant;

/**
 * A contract event as the journal hands it out: its chain position, what it says (actor and subject as the event
 * names them: addresses, pseudonyms, ids) and how often it was delivered.
 */
public record JournaledEvent(long blockNumber, int logIndex, String blockHash, String transactionHash,
                             String contract, String name, String actor, String subject, Instant receivedAt,
                             int deliveries) {
}
