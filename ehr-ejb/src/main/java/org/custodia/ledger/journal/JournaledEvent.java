package org.custodia.ledger.journal;

import java.time.Instant;

/**
 * A contract event as the journal hands it out: its chain position, what it says (actor, counterpart and subject as
 * the event names them: addresses, pseudonyms, ids) and how often it was delivered.
 *
 * @param counterpart the account the event names beside its actor (for {@code AccessLogged}, the accessor); null for
 *                    other events and for events journaled before counterparts were kept
 */
public record JournaledEvent(long blockNumber, int logIndex, String blockHash, String transactionHash,
                             String contract, String name, String actor, String counterpart, String subject,
                             Instant receivedAt, int deliveries) {
}
