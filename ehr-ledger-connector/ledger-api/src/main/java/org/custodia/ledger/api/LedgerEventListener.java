package org.custodia.ledger.api;

/**
 * The message listener interface of the ledger resource adapter: a message-driven bean implementing it receives
 * the access contracts' events in chain order.
 *
 * <p>Delivery resumes after a restart from the last event whose delivery completed. An event is delivered again
 * only when the server stops between the bean's return and the adapter recording the delivery (abruptly, or while
 * the checkpoint cannot be written), or when the bean throws, in which case the adapter retries from that event
 * with back-off; consumers that must not act twice key on {@link LedgerEvent#position()}.
 */
public interface LedgerEventListener {

    void onLedgerEvent(LedgerEvent event);
}
