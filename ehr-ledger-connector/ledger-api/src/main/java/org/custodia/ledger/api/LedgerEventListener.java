package org.custodia.ledger.api;

/**
 * The message listener interface of the ledger resource adapter: a message-driven bean implementing it receives
 * the access contracts' events in chain order.
 *
 * <p>Delivery resumes after a restart from the last event whose delivery was recorded. The adapter records the
 * deliveries of each poll round once, at its end, so the events of a round are delivered again when the server
 * stops between the bean's return and that record (abruptly, or while the checkpoint cannot be written); an event
 * is also delivered again when the bean throws, in which case the adapter retries from that event with back-off.
 * Consumers that must not act twice key on {@link LedgerEvent#position()}.
 */
public interface LedgerEventListener {

    void onLedgerEvent(LedgerEvent event);
}
