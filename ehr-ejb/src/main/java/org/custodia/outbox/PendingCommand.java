package org.custodia.outbox;

import java.util.Optional;

import org.custodia.ledger.api.Bytes32;

/**
 * An outbox command as one attempt sees it.
 *
 * @param kind               the handler's {@link CommandHandler#kind()}
 * @param subject            what it is about (e.g. a record id), unique per kind
 * @param attempts           failed attempts so far
 * @param pendingTransaction a transaction an earlier attempt sent whose fate is unknown
 */
public record PendingCommand(String kind, String subject, int attempts, Optional<Bytes32> pendingTransaction) {
}
