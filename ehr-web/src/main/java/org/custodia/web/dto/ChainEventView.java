package org.custodia.web.dto;

import org.custodia.ledger.journal.JournaledEvent;

/** A journaled contract event as the API presents it. */
public record ChainEventView(long blockNumber, int logIndex, String name, String actor, String subject,
        String contract, String transactionHash, String receivedAt, int deliveries) {

    public static ChainEventView of(JournaledEvent event) {
        return new ChainEventView(event.blockNumber(), event.logIndex(), event.name(), event.actor(),
                event.subject(), event.contract(), event.transactionHash(), event.receivedAt().toString(),
                event.deliveries());
    }
}
